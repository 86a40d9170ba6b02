import { csvFileName, csvResponse } from "@/lib/csv/csv-response";
import { withStaffRoute } from "@/lib/auth/staff-route";
import { serverEnv } from "@/lib/config/env";
import { dashboardKpiCache } from "@/lib/db/kpis";
import { getPool } from "@/lib/db/pool";
import { LEVEL_KPI_HEADER, levelKpiRows } from "@/lib/export/level-kpi-rows";

export const dynamic = "force-dynamic";

/** The dashboard's per-level KPI table as CSV, from the same shared cache as GET /api/kpis. */
export const GET = withStaffRoute("viewer", async () => {
  const { kpis } = await dashboardKpiCache.get(getPool(), serverEnv().SOURCE_SCHEMA);
  return csvResponse(csvFileName("level-kpis"), LEVEL_KPI_HEADER, levelKpiRows(kpis.levels));
});
