/**
 * The time every sync invocation on Vercel gets: each chunk of "Sync now" (a step of its workflow,
 * lib/workflows) and each cron run alike. A function is killed at its maxDuration, and a killed run
 * would sit "running" until its heartbeat goes stale; so the engine stops at a batch boundary after
 * the budget and pauses the run. What is left covers the HubSpot calls already in flight (at most 3;
 * no new write starts after the budget) and the final commit. Sync now's workflow continues its run
 * in the next step at once; the next cron run continues a run paused by the cron (or a run whose
 * workflow died).
 * maxDuration must be a literal in the cron route's segment config (app/api/cron/sync/route.ts), in
 * the /sync page's (app/(dashboard)/sync/page.tsx: "Verify HubSpot" reads back in `after()` there)
 * and in vercel.json: keep them equal to SYNC_FUNCTION_MAX_DURATION_S. Workflow steps run in the
 * function the Workflow SDK generates, with maxDuration "max" (at least 300 s).
 */
export const SYNC_FUNCTION_MAX_DURATION_S = 300;
export const SYNC_TIME_BUDGET_MS = 240_000;

/** Sync now's chunk budget: SYNC_TIME_BUDGET_MS, or the shorter one a test stack sets in the environment. */
export function syncNowBudgetMs(env: { SYNC_TIME_BUDGET_MS?: number }): number {
  return Math.min(env.SYNC_TIME_BUDGET_MS ?? SYNC_TIME_BUDGET_MS, SYNC_TIME_BUDGET_MS);
}
