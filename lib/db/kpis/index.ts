/** Dashboard KPIs: framework-free, shared by GET /api/kpis and the benchmark. */
export { computeKpis, computeKpisForPlan, measureKpis, type ComputeKpisOptions } from "./compute-kpis";
export { createKpiCache, dashboardKpiCache, KPI_MAX_AGE_MS, type ComputedKpis, type KpiCache } from "./kpi-cache";
/** The report's shape is the HTTP contract of GET /api/kpis: it lives in lib/contracts/kpis-response.ts. */
export type { DashboardData, KpiReport, LevelKpi, SyncHealth } from "@/lib/contracts/kpis-response";
