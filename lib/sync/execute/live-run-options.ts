/**
 * The options every live run of the app starts with: the dependencies' pool, client and source
 * schema, who started it, and the time budget it must pause within. "Sync now", "Resend this
 * learner" and the cron start runs only through this, so the three cannot drift apart (a run
 * started without the budget would be killed mid-batch by the platform, see
 * lib/cron/sync-time-budget.ts).
 */
import type { SyncDependencies } from "./create-sync-dependencies";
import type { SyncOptions } from "../sync-types";

export function liveRunOptions(
  deps: Pick<SyncDependencies, "pool" | "hubspot" | "sourceSchema">,
  starter: Pick<SyncOptions, "trigger" | "actor">,
  timeBudgetMs: number,
): Omit<SyncOptions, "mode"> {
  return {
    pool: deps.pool,
    hubspot: deps.hubspot,
    sourceSchema: deps.sourceSchema,
    trigger: starter.trigger,
    actor: starter.actor,
    timeBudgetMs,
  };
}
