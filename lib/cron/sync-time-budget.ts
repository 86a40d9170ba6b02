/**
 * The time every sync invocation on Vercel gets, "Sync now" and the cron alike. A function is
 * killed at maxDuration (work handed to after() too), and a killed run would sit "running" until
 * its heartbeat goes stale; so the engine stops at a batch boundary after SYNC_TIME_BUDGET_MS and
 * pauses the run. What is left covers the HubSpot calls already in flight (at most 3; no new write
 * starts after the budget) and the final commit. The next cron run continues a paused run.
 * maxDuration itself must be a literal in each route's segment config (app/api/cron/sync/route.ts,
 * app/(dashboard)/sync/page.tsx): keep them equal to SYNC_FUNCTION_MAX_DURATION_S.
 */
export const SYNC_FUNCTION_MAX_DURATION_S = 300;
export const SYNC_TIME_BUDGET_MS = 240_000;
