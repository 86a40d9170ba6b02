/**
 * `GET /api/cron/sync?mode=verify`: instead of a sync, read every synced contact back from HubSpot
 * and record the differences on a verify run (the engine's verifyHubSpot); those learners are
 * resent by the next sync. Held to the same time budget as the sync (lib/cron/sync-time-budget.ts):
 * a verify that runs out of time pauses with its coverage, and the next one continues it
 * (`continuing: true` in the answer). Outcomes are data the route turns into JSON, as for the sync.
 */
import { writeAudit } from "@/lib/audit/write-audit";
import { isHubSpotError } from "@/lib/hubspot/errors";
import { SyncConfigurationError, verifyHubSpot, type SyncDependencies } from "@/lib/sync";
import { CRON_ACTOR } from "./run-cron-sync";

export type CronVerifyBody =
  | {
      ok: true;
      mode: "verify";
      runId: number;
      status: "succeeded" | "paused";
      /** The budget ran out first: the next verify continues from the last contact checked. */
      continuing: boolean;
      resumedFromRunId: number | null;
      /** Contacts this invocation checked; the chain's checked and total (partial coverage when continuing). */
      checked: number;
      chainChecked: number;
      total: number;
      differences: number;
      learners: number;
      message: string;
    }
  | { ok: false; error: "not_configured"; message: string }
  | { ok: false; error: "verify_failed"; message: string };

export async function runCronVerify(
  deps: Pick<SyncDependencies, "pool" | "hubspot">,
  options: { timeBudgetMs: number },
): Promise<{ status: number; body: CronVerifyBody }> {
  try {
    const result = await verifyHubSpot({
      pool: deps.pool,
      hubspot: deps.hubspot,
      trigger: "cron",
      actor: CRON_ACTOR,
      timeBudgetMs: options.timeBudgetMs,
      shouldContinue: true,
    });
    await writeAudit(deps.pool, CRON_ACTOR, "sync.verify", `run #${result.runId}`, {
      trigger: "cron",
      checked: result.checked,
      differences: result.differences.length,
      resumedFromRunId: result.resumedFromRunId,
      continuing: result.continuing,
    });
    const learners = new Set(result.differences.map((difference) => difference.userId)).size;
    return {
      status: 200,
      body: {
        ok: true,
        mode: "verify",
        runId: result.runId,
        status: result.status,
        continuing: result.continuing,
        resumedFromRunId: result.resumedFromRunId,
        checked: result.checked,
        chainChecked: result.chainChecked,
        total: result.total,
        differences: result.differences.length,
        learners,
        message: result.message,
      },
    };
  } catch (error) {
    if (error instanceof SyncConfigurationError)
      return { status: 503, body: { ok: false, error: "not_configured", message: error.message } };
    // The engine has closed the verify run as failed with the reason; the caller gets the short form.
    if (isHubSpotError(error))
      return {
        status: 502,
        body: {
          ok: false,
          error: "verify_failed",
          message: `HubSpot refused the read-back (${error.category}): ${error.message}`,
        },
      };
    throw error;
  }
}
