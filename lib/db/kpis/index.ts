/** Dashboard KPIs: framework-free, shared by GET /api/kpis and the benchmark. */
export { computeKpis, measureKpis, type ComputeKpisOptions } from "./compute-kpis";
export { readSyncHealth } from "./read-sync-health";
export * from "./kpi-report";
