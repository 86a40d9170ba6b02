/**
 * What one cron invocation does: start the live run, or continue the paused one, and work until
 * the time budget runs out (the run pauses at a batch boundary; the next invocation continues it).
 * Every outcome is data the route turns into JSON: "already running" is an answer, not a crash.
 * A run paused for HubSpot's daily quota is not continued before the quota resets (midnight in the
 * account's time zone): until then every invocation answers 200 `waiting_for_quota` with the time,
 * starting nothing and calling nothing (docs/ARCHITECTURE.md, "Daily quota").
 */
import { writeAudit } from "@/lib/audit/write-audit";
import {
  beginSync,
  SyncAlreadyRunningError,
  SyncConfigurationError,
  SyncQuotaWaitError,
  SyncRunFailedError,
  type SyncDependencies,
} from "@/lib/sync";
import { liveRunOptions } from "@/lib/sync/execute/live-run-options";

export const CRON_ACTOR = { label: "cron" } as const;

export type CronSyncBody =
  | {
      ok: true;
      runId: number;
      resumedFromRunId: number | null;
      status: string;
      /** The budget ran out first: the next invocation continues this run. */
      continuing: boolean;
      /** Paused for the daily quota: the invocations before `resumesAt` wait (waiting_for_quota). */
      quotaPause?: { resumesAt: string; timeZone: string };
      summary: { learners: number; upserted: number; unchanged: number; invalid: number; failed: number };
      durationMs: number;
      message: string;
    }
  | {
      ok: false;
      error: "waiting_for_quota";
      message: string;
      runId: number;
      /** ISO instant: the account's midnight; the first invocation from then on continues the run. */
      resumesAt: string;
      timeZone: string;
    }
  | { ok: false; error: "already_running"; message: string; runId: number; startedBy: string; startedAt: string }
  | { ok: false; error: "not_configured"; message: string }
  | { ok: false; error: "run_failed"; reason: string; runId: number; message: string };

export interface CronSyncOutcome {
  status: number;
  body: CronSyncBody;
}

export async function runCronSync(
  deps: Pick<SyncDependencies, "pool" | "hubspot" | "sourceSchema">,
  options: { timeBudgetMs: number; staleAfterMs?: number; batchSize?: number },
): Promise<CronSyncOutcome> {
  try {
    const begun = await beginSync({
      ...liveRunOptions(deps, { trigger: "cron", actor: CRON_ACTOR }, options.timeBudgetMs),
      mode: "live",
      staleAfterMs: options.staleAfterMs,
      batchSize: options.batchSize,
    });
    await writeAudit(deps.pool, CRON_ACTOR, "sync.start", `run #${begun.runId}`, {
      trigger: "cron",
      resumedFromRunId: begun.resumedFromRunId,
    });
    const result = await begun.execute();
    const { summary } = result;
    return {
      status: 200,
      body: {
        ok: true,
        runId: result.runId,
        resumedFromRunId: result.resumedFromRunId,
        status: result.status,
        continuing: result.continuing,
        ...(result.quotaPause ? { quotaPause: result.quotaPause } : {}),
        summary: {
          learners: summary.learners,
          upserted: summary.upserted,
          unchanged: summary.unchanged,
          invalid: summary.invalid,
          failed: summary.failed,
        },
        durationMs: result.durationMs,
        message: result.message,
      },
    };
  } catch (error) {
    if (error instanceof SyncAlreadyRunningError) {
      const { owner } = error;
      return {
        status: 409,
        body: {
          ok: false,
          error: "already_running",
          message: error.message,
          runId: owner.runId,
          startedBy: owner.startedByLabel,
          startedAt: owner.startedAt.toISOString(),
        },
      };
    }
    // Expected while a day's quota is used up: 200, so the platform does not log every wait as a failure.
    if (error instanceof SyncQuotaWaitError) {
      return {
        status: 200,
        body: {
          ok: false,
          error: "waiting_for_quota",
          message: error.message,
          runId: error.runId,
          resumesAt: error.resumeAfter.toISOString(),
          timeZone: error.timeZone,
        },
      };
    }
    if (error instanceof SyncConfigurationError)
      return { status: 503, body: { ok: false, error: "not_configured", message: error.message } };
    if (error instanceof SyncRunFailedError) {
      return {
        status: 502,
        body: { ok: false, error: "run_failed", reason: error.reason, runId: error.runId, message: error.message },
      };
    }
    throw error;
  }
}
