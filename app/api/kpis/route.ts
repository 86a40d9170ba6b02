import { jsonNoStore as json, withStaffRoute } from "@/lib/auth/staff-route";
import { serverEnv } from "@/lib/config/env";
import { getPool } from "@/lib/db/pool";
import { computeKpis, readSyncHealth, type DashboardData } from "@/lib/db/kpis";

export const dynamic = "force-dynamic";

/** The dashboard's per-level KPIs and sync health, polled every 30 s by the dashboard page. */
export const GET = withStaffRoute("viewer", async () => {
  const pool = getPool();
  const started = performance.now();
  try {
    const [kpis, syncHealth] = await Promise.all([computeKpis(pool, { sourceSchema: serverEnv().SOURCE_SCHEMA }), readSyncHealth(pool)]);
    return json(200, { kpis, syncHealth, durationMs: Math.round(performance.now() - started) } satisfies DashboardData);
  } catch (error) {
    // Logged in full here; the browser gets a message without internals and offers a retry.
    console.error("[kpis] computing the dashboard KPIs failed:", error);
    return json(500, { error: "failed", message: "The KPIs could not be computed. Check the database connection and try again." });
  }
});
