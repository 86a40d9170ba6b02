import { jsonNoStore as json, withStaffRoute } from "@/lib/auth/staff-route";
import { serverEnv } from "@/lib/config/env";
import { getPool } from "@/lib/db/pool";
import type { DashboardData } from "@/lib/contracts/kpis-response";
import { dashboardKpiCache } from "@/lib/db/kpis";
import { readSyncHealth } from "@/lib/sync";

export const dynamic = "force-dynamic";

/**
 * The dashboard's per-level KPIs and sync health, polled every 30 s by the dashboard page. The KPIs
 * come through a short-lived shared cache (lib/db/kpis/kpi-cache.ts): many open dashboards cost one
 * computation; `durationMs` is that computation's time. Sync health is always read fresh.
 */
export const GET = withStaffRoute("viewer", async () => {
  const pool = getPool();
  try {
    const [{ kpis, durationMs }, syncHealth] = await Promise.all([
      dashboardKpiCache.get(pool, serverEnv().SOURCE_SCHEMA),
      readSyncHealth(pool),
    ]);
    return json(200, { kpis, syncHealth, durationMs } satisfies DashboardData);
  } catch (error) {
    // Logged in full here; the browser gets a message without internals and offers a retry.
    console.error("[kpis] computing the dashboard KPIs failed:", error);
    return json(500, {
      error: "failed",
      message: "The KPIs could not be computed. Check the database connection and try again.",
    });
  }
});
