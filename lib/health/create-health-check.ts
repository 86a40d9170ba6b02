import type pg from "pg";
import { checkDatabase } from "./check-database";
import type { HubSpotClient } from "@/lib/hubspot/client";
import { checkHubSpot, toHubSpotHealth } from "./check-hubspot";
import { describeDatabaseError } from "./describe-error";
import type { HealthReport, LevelTableHealth } from "@/lib/contracts/health-response";
import { listLevelTables } from "./list-level-tables";
import { reuseFor } from "./reuse-for";

export interface HealthCheckOptions {
  pool: pg.Pool;
  sourceSchema: string;
  /** null: no token configured (the report says so and nobody is called). */
  hubspot: HubSpotClient | null;
  /** The health route is public and each HubSpot call spends the sync's rate budget: reuse answers. */
  hubspotTtlMs?: number;
  /** Row counts scan the level tables; a burst of health calls should not repeat that work. */
  levelsTtlMs?: number;
}

/**
 * Builds the health check behind GET /api/health and the dashboard. The database round trip is
 * always live; HubSpot answers and row counts are reused for a short while.
 */
export function createHealthCheck(options: HealthCheckOptions): () => Promise<HealthReport> {
  const loadHubSpot = reuseFor(options.hubspotTtlMs ?? 60_000, async () =>
    toHubSpotHealth(await checkHubSpot(options.hubspot)),
  );
  const loadLevels = reuseFor(options.levelsTtlMs ?? 10_000, () => listLevelTables(options.pool, options.sourceSchema));

  return async () => {
    const [database, hubspot] = await Promise.all([checkDatabase(options.pool), loadHubSpot()]);
    let levels: LevelTableHealth[] = [];
    let levelsError: string | undefined;
    if (database.ok) {
      try {
        levels = await loadLevels();
      } catch (error) {
        console.error("[health] listing level tables failed:", error);
        levelsError = describeDatabaseError(error);
      }
    }
    // A missing HubSpot token is a setting (dry runs still work), not a fault.
    const isHealthy = database.ok && levelsError === undefined && (hubspot.ok || !hubspot.configured);
    return {
      status: isHealthy ? "ok" : "degraded",
      checkedAt: new Date().toISOString(),
      database,
      levels,
      ...(levelsError === undefined ? {} : { levelsError }),
      hubspot,
    };
  };
}
