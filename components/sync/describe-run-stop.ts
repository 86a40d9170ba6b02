/**
 * What to tell staff about a run that stopped before the end (failed, paused, interrupted, cancelled):
 * where it stopped, what HubSpot had confirmed, and where the next start picks up. Built only from
 * what crm_sync.runs stores: the phase the run ended in is `stopped_phase` (migration
 * 20261207030000); for runs closed before that column existed it is inferred (no learner count yet =
 * it stopped while planning or preparing properties).
 */
import { formatQuotaReset } from "@/lib/contracts/account-day";
import type { RunStatus } from "@/lib/sync/runs/run-row";

export interface StoppedRunFacts {
  status: RunStatus;
  mode: "live" | "dry_run" | "verify";
  /** Learners the chain had committed when it stopped (its cursor) and the chain's total; 0 = not counted yet. */
  chainProcessed: number;
  total: number;
  /** Contacts HubSpot confirmed in this run. */
  upserted: number;
  /** The run that continued this one, when known. */
  resumedByRunId: number | null;
  /** Learners per database batch, when known: adds "batch k of n". */
  batchSize: number | null;
  /** The phase the run ended in (crm_sync.runs.stopped_phase); null when not recorded (older runs). */
  stoppedPhase: string | null;
  /** Paused because HubSpot's daily quota was used up: when it may continue, and the account's zone. */
  quotaPause?: QuotaWait | null;
}

export interface QuotaWait {
  resumeAfter: Date;
  timeZone: string;
}

export interface RunStopDescription {
  title: string;
  where: string;
  confirmed: string;
  next: string;
}

/** The production cron schedule (vercel.json: every 15 minutes) starts the next run without anyone. */
export const CRON_EVERY_MINUTES = 15;

const TITLES: Partial<Record<RunStatus, string>> = {
  failed: "The run failed",
  paused: "The run paused",
  interrupted: "The run was interrupted: its process stopped",
  cancelled: "The run was cancelled",
};

const count = (value: number) => value.toLocaleString("en-US");

/** Where a sync in its learner phase stopped, from its cursor. */
function describeSyncingWhere(facts: StoppedRunFacts): string {
  if (facts.chainProcessed >= facts.total)
    return `It stopped after its last batch: all ${count(facts.total)} learners were processed.`;
  const next = facts.chainProcessed + 1;
  const batch =
    facts.batchSize === null
      ? ""
      : ` (batch ${count(Math.floor(facts.chainProcessed / facts.batchSize) + 1)} of ${count(Math.ceil(facts.total / facts.batchSize))})`;
  return `It stopped while syncing, in the batch that starts at learner ${count(next)} of ${count(facts.total)}${batch}.`;
}

function describeVerifyingWhere(facts: StoppedRunFacts): string {
  if (facts.total > 0 && facts.chainProcessed >= facts.total)
    return `It stopped while reading contacts back from HubSpot, after its last page: all ${count(facts.total)} contacts were checked.`;
  return `It stopped while reading contacts back from HubSpot, after checking ${count(facts.chainProcessed)} of ${count(facts.total)} contacts.`;
}

function describeWhere(facts: StoppedRunFacts): string {
  switch (facts.stoppedPhase) {
    case null:
      // Closed before the phase was kept: a run without a learner count had not reached its learners.
      if (facts.mode === "verify") return describeVerifyingWhere(facts);
      return facts.total === 0
        ? "It stopped before sending anything, while planning or preparing the HubSpot properties (the learners were not counted yet)."
        : describeSyncingWhere(facts);
    case "planning":
      return "It stopped while planning (reading the settings and the level tables), before this run read any learner.";
    case "properties":
      return "It stopped while checking and creating the HubSpot properties and selecting the learners, before this run read any learner.";
    case "syncing":
      return describeSyncingWhere(facts);
    case "verifying":
      return describeVerifyingWhere(facts);
    default:
      return `It stopped while ${describePhase(facts.stoppedPhase)}.`;
  }
}

function describeNext(facts: StoppedRunFacts): string {
  const from = facts.chainProcessed + 1;
  const unit = facts.mode === "verify" ? "contact" : "learner";
  if (facts.resumedByRunId !== null)
    return `Run #${facts.resumedByRunId} continued it${facts.total > 0 ? ` from ${unit} ${count(from)}` : ""}.`;
  if (facts.mode === "verify")
    return facts.status === "cancelled"
      ? "Nothing continues it: the next verify starts from the first contact."
      : `The next verify ("Verify HubSpot", or the cron with ?mode=verify) continues from contact ${count(from)} of ${count(facts.total)}.`;
  if (facts.mode === "dry_run") return "Previews are not continued: the next preview starts from the start.";
  if (facts.status === "paused" && facts.quotaPause) {
    const position =
      facts.total === 0 || facts.chainProcessed === 0
        ? "from the first learner"
        : `from learner ${count(from)} of ${count(facts.total)}`;
    return `It continues ${position} after HubSpot's daily quota resets, at ${formatQuotaReset(facts.quotaPause.resumeAfter, facts.quotaPause.timeZone)}: the first scheduled run from then on. No sync starts before then (Sync now says so).`;
  }
  if (facts.status === "cancelled")
    return "The next start begins from the start: a run with other levels or a full sync replaced this one, so its position does not apply.";
  const when = `the next scheduled run (every ${CRON_EVERY_MINUTES} minutes when deployed) or Sync now`;
  if (facts.total === 0 || facts.chainProcessed === 0)
    return `The next start begins from the start, because no learner was committed yet: ${when}.`;
  if (facts.chainProcessed >= facts.total)
    return `Nothing is left to continue: the next start is a new sync, at ${when}.`;
  return `The next start continues from learner ${count(from)} of ${count(facts.total)}: ${when}.`;
}

/** Null for runs that did not stop early (running, succeeded, partial). */
export function describeRunStop(facts: StoppedRunFacts): RunStopDescription | null {
  const title =
    facts.status === "paused" && facts.quotaPause
      ? "The run paused: HubSpot's daily API quota is used up"
      : TITLES[facts.status];
  if (!title) return null;
  return {
    title,
    where: describeWhere(facts),
    confirmed:
      facts.mode === "dry_run"
        ? "A preview sends nothing to HubSpot."
        : facts.mode === "verify"
          ? "A verify writes nothing to HubSpot; the differences it found are listed below and resent by the next sync."
          : `${count(facts.upserted)} ${facts.upserted === 1 ? "contact was" : "contacts were"} confirmed by HubSpot in this run before it stopped.`,
    next: describeNext(facts),
  };
}

/**
 * The one line the Sync page shows under a run paused for the daily quota (continuation-notice.tsx):
 * when it continues, in the account's zone and in UTC, and that nothing continues it sooner.
 */
export function describeQuotaWait(wait: QuotaWait): string {
  return `Paused for HubSpot's daily API quota: continues at ${formatQuotaReset(wait.resumeAfter, wait.timeZone)}, when the quota resets, at the first cron run from then on. Sync now cannot continue it sooner.`;
}

const PHASES: Record<string, string> = {
  planning: "planning: counting learners and reading the settings",
  properties: "checking and creating the HubSpot properties",
  syncing: "syncing learners",
  verifying: "reading contacts back from HubSpot",
  done: "finishing",
};

/** A running run's phase in words; phases the engine adds later still show, with their raw name. */
export function describePhase(phase: string): string {
  return PHASES[phase] ?? phase;
}
