/** Dashboard KPIs: framework-free, shared by GET /api/kpis and the benchmark. */
export { computeKpis, computeKpisForPlan, measureKpis, type ComputeKpisOptions } from "./compute-kpis";
export { createKpiCache, dashboardKpiCache, KPI_MAX_AGE_MS, type ComputedKpis, type KpiCache } from "./kpi-cache";
export * from "./kpi-report";
