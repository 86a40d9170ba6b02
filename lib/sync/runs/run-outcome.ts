/** How a run ends: its final status, the one-line message stored on the row, and the caller's result. */
import { formatQuotaReset } from "@/lib/contracts/account-day";
import type { RunStopReason } from "@/lib/contracts/runs";
import type { SettledCounts, CallStats } from "./commit-settled";
import type { RunRecord, RunStatus } from "./run-row";
import type { DryRunDocument, SyncBatchBody, SyncIssue, SyncResult } from "../sync-types";

export type StopReason = RunStopReason;

/** When a run paused for HubSpot's daily quota may continue: the account's next midnight. */
export interface QuotaPause {
  resumeAfter: Date;
  timeZone: string;
  /** "budget": our own count reached the quota before HubSpot refused; "hubspot": HubSpot answered 429 DAILY. */
  source: "budget" | "hubspot";
}

export interface RunOutcomeInput {
  run: RunRecord;
  stop: StopReason;
  counts: SettledCounts;
  stats: CallStats;
  limit: number | null;
  durationMs: number;
  /** Dry runs only. */
  batches: SyncBatchBody[];
  /** Dry runs: how many batches the plan has (`batches` is empty when the plan is only stored). */
  batchCount?: number;
  issues: SyncIssue[];
  propertyPlan: DryRunDocument["propertyPlan"];
  /**
   * Learners a change-capture run did not read because nothing of theirs changed since their last
   * confirmed write: unchanged by definition, so the summary counts them as such (the learners
   * total stays "everyone in scope", as on a full pass). Only on the chain's last invocation.
   */
  unchangedNotRead?: number;
  /**
   * Of those, the learners known not to be sendable (an email issue recorded by an earlier run and
   * unchanged since): counted as not sendable, as a run that read them would.
   */
  unsendableNotRead?: number;
  /** Set when `stop` is "daily_quota". */
  quotaPause?: QuotaPause | null;
}

export function runOutcome(input: RunOutcomeInput): {
  status: Exclude<RunStatus, "running">;
  message: string;
  result: SyncResult;
} {
  const { run, stop, counts, stats } = input;
  const isLive = run.mode === "live";
  const isStoppedEarly = stop === "time_budget" || stop === "aborted" || stop === "daily_quota";
  // A live run stopped early stays resumable (paused); a dry run has nothing to resume.
  const status: Exclude<RunStatus, "running"> = isStoppedEarly
    ? isLive
      ? "paused"
      : "cancelled"
    : counts.failed > 0
      ? "partial"
      : "succeeded";
  const toUpsert = counts.upserted + counts.failed;
  const notRead = input.unchangedNotRead ?? 0;
  const unsendable = Math.min(notRead, input.unsendableNotRead ?? 0);
  const learners = counts.processed + notRead;
  const unchanged = counts.unchanged + notRead - unsendable;
  const invalid = counts.invalid + unsendable;
  const calls = isLive ? stats.writeCalls : (input.batchCount ?? input.batches.length);
  let message =
    `${learners} learners: ${isLive ? `${counts.upserted} upserted` : `${toUpsert} to upsert`}, ${unchanged} unchanged, ` +
    `${invalid} not sendable${isLive ? `, ${counts.failed} failed` : ""} (${calls} batch calls).`;
  if (notRead > 0)
    message +=
      ` ${counts.processed} re-read (changed since the last run); ${notRead} unchanged learners not re-read` +
      (unsendable > 0 ? ` (${unsendable} of them not sendable, as last reported).` : ".");
  if (stop === "limit") message += ` Stopped at the limit of ${input.limit} learners.`;
  if (stop === "time_budget") message += " Time budget used up: paused; the next start continues from here.";
  if (stop === "aborted")
    message += isLive ? " Stopped on request: paused; the next start continues from here." : " Cancelled on request.";
  const pause = stop === "daily_quota" ? (input.quotaPause ?? null) : null;
  if (pause)
    message +=
      (pause.source === "hubspot"
        ? " HubSpot refused with 429 DAILY: the account's daily API quota is used up."
        : " Daily quota reached: today's HubSpot request budget (crm_sync.settings.daily_request_quota) is used up.") +
      ` Paused; continues after the quota resets at ${formatQuotaReset(pause.resumeAfter, pause.timeZone)} (the first cron run from then on; no run starts before).`;
  const base = {
    runId: run.id,
    status,
    levels: run.levels,
    summary: {
      learners,
      toUpsert,
      upserted: counts.upserted,
      unchanged,
      invalid,
      failed: counts.failed,
      warnings: counts.warnings,
    },
    learnersRead: counts.processed,
    continuing: isLive && isStoppedEarly,
    ...(pause && isLive
      ? { quotaPause: { resumesAt: pause.resumeAfter.toISOString(), timeZone: pause.timeZone } }
      : {}),
    resumedFromRunId: run.resumedFromRunId,
    writeCalls: calls,
    apiCalls: stats.apiCalls,
    rateLimited: stats.rateLimited,
    retries: stats.retries,
    durationMs: input.durationMs,
    message,
  };
  if (isLive) return { status, message, result: { mode: "live", ...base } };
  const document: DryRunDocument = {
    mode: "dry_run",
    levels: run.levels,
    propertyPlan: input.propertyPlan,
    summary: { learners, toUpsert, unchanged, invalid },
    batches: input.batches,
    issues: input.issues,
  };
  return { status, message, result: { mode: "dry_run", ...base, document } };
}
