/**
 * What to tell staff about a run that stopped before the end (failed, paused, interrupted, cancelled):
 * where it stopped, what HubSpot had confirmed, and where the next start picks up. Built only from
 * what crm_sync.runs stores: the engine resets `phase` to "done" when it closes a run, so the phase is
 * inferred (no learner count yet = it stopped while planning or preparing properties).
 */
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

function describeWhere(facts: StoppedRunFacts): string {
  if (facts.total === 0)
    return "It stopped before sending anything, while planning or preparing the HubSpot properties (the learners were not counted yet).";
  if (facts.chainProcessed >= facts.total)
    return `It stopped after its last batch: all ${count(facts.total)} learners were processed.`;
  const next = facts.chainProcessed + 1;
  const batch =
    facts.batchSize === null
      ? ""
      : ` (batch ${count(Math.floor(facts.chainProcessed / facts.batchSize) + 1)} of ${count(Math.ceil(facts.total / facts.batchSize))})`;
  return `It stopped while syncing, in the batch that starts at learner ${count(next)} of ${count(facts.total)}${batch}.`;
}

function describeNext(facts: StoppedRunFacts): string {
  const from = facts.chainProcessed + 1;
  if (facts.resumedByRunId !== null)
    return `Run #${facts.resumedByRunId} continued it${facts.total > 0 ? ` from learner ${count(from)}` : ""}.`;
  if (facts.mode === "dry_run") return "Previews are not continued: the next preview starts from the start.";
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
  const title = TITLES[facts.status];
  if (!title) return null;
  return {
    title,
    where: describeWhere(facts),
    confirmed:
      facts.mode === "dry_run"
        ? "A preview sends nothing to HubSpot."
        : `${count(facts.upserted)} ${facts.upserted === 1 ? "contact was" : "contacts were"} confirmed by HubSpot in this run before it stopped.`,
    next: describeNext(facts),
  };
}

const PHASES: Record<string, string> = {
  planning: "planning: counting learners and reading the settings",
  properties: "checking and creating the HubSpot properties",
  syncing: "syncing learners",
  done: "finishing",
};

/** A running run's phase in words; phases the engine adds later still show, with their raw name. */
export function describePhase(phase: string): string {
  return PHASES[phase] ?? phase;
}
