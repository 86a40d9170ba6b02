/**
 * Decides what happens to one learner of a batch (grouparoo's "plan each record"): missing email,
 * invalid email, duplicate email, unchanged since the last confirmed sync, or upsert with this exact input.
 * Data warnings are attached only to learners that are sent: they explain values in this payload;
 * an unchanged learner's warnings were reported by the run that sent it.
 */
import type { DataWarning, LearnerMetrics } from "@/lib/db/aggregate/aggregate-batch";
import type { ContactState } from "@/lib/db/learners/load-contact-states";
import type { LearnerRow } from "@/lib/db/learners/read-learner-page";
import { levelLabel } from "@/lib/contracts/levels-order";
import { buildContactInput } from "./build-payload";
import { hashPayload } from "./hash-payload";
import { emailProblem, missingEmail, normalizeEmail } from "./normalize-email";
import type { DuplicateLoser } from "./resolve-email-duplicates";
import type { LedgerEntry, RecordedIssue } from "../execute/run-ledger";

export interface ClassifyContext {
  levels: readonly string[];
  enabledLevels: readonly string[];
  withheld: ReadonlySet<string>;
  isFull: boolean;
  /** From the run-wide pre-pass. */
  duplicateLosers: ReadonlyMap<string, DuplicateLoser>;
  /**
   * Emails already queued by this invocation → user id; guards against duplicates the pre-pass could
   * not see. The engine passes only the claims on the batch's own emails (run-email-claims.ts); a
   * learner queued here is added to it.
   */
  claimedEmails: Map<string, string>;
}

const WARNING_TEXT: Record<DataWarning["kind"], string> = {
  accuracy_out_of_range: "accuracy value(s) outside 0–100 excluded",
  accuracy_not_a_number: "accuracy value(s) that are not numbers (NaN or text) excluded",
  time_spent_negative: "negative time_spent_seconds value(s) excluded",
  time_spent_not_a_number: "time_spent_seconds value(s) that are not finite numbers excluded",
  time_spent_out_of_range:
    "time_spent_seconds value(s) above 2^53 − 1 seconds (past what JavaScript holds exactly) excluded",
  time_spent_total_out_of_range:
    "time_spent_seconds value(s) summing past 2^53 − 1 seconds: the level's study time is left out",
  activity_unreadable: "activity date(s) that are not readable dates (infinity, or a year outside 1–9999) excluded",
  milestone_unreadable: "milestone date(s) that are not readable dates (infinity, or a year outside 1–9999) excluded",
};

/** Kinds whose text does not already say which column: the message names it. */
const NAMES_COLUMN = new Set<DataWarning["kind"]>([
  "accuracy_out_of_range",
  "accuracy_not_a_number",
  "time_spent_negative",
  "time_spent_not_a_number",
]);

function warningIssues(metrics: LearnerMetrics | undefined): RecordedIssue[] {
  return (metrics?.warnings ?? []).map((warning) => ({
    kind: "data_warning",
    level: warning.level,
    message: `Level ${levelLabel(warning.level)}: ${warning.rows} ${WARNING_TEXT[warning.kind]}${NAMES_COLUMN.has(warning.kind) ? "" : ` (column ${warning.column})`}.`,
    payload: null,
  }));
}

/**
 * By the recorded contact id (batch/update, the new email among the properties) when the email
 * changed since the last confirmed write, so the contact keeps its id, history and owner; also
 * when a resend was requested, so a contact whose email was edited in HubSpot is repaired rather
 * than duplicated. Otherwise (never written, or same email): upsert by email.
 */
function chooseOperation(email: string, state: ContactState | undefined): Pick<LedgerEntry, "operation" | "contactId"> {
  if (state?.hubspotId && (state.email !== email || state.isResendRequested))
    return { operation: "update", contactId: state.hubspotId };
  return { operation: "upsert", contactId: state?.hubspotId ?? null };
}

export function classifyLearner(
  learner: LearnerRow,
  metrics: LearnerMetrics | undefined,
  state: ContactState | undefined,
  context: ClassifyContext,
): LedgerEntry {
  const missing = missingEmail(learner.email);
  if (missing) {
    // The user id is the only handle on such a learner, so the message names it.
    const message = `Not sent: learner ${learner.userId} has ${missing}; HubSpot contacts are matched by email, so add one to sync this learner.`;
    return {
      userId: learner.userId,
      email: "",
      input: null,
      hash: null,
      result: null,
      outcome: "invalid",
      issues: [{ kind: "missing_email", level: null, message, payload: null }],
    };
  }
  const email = normalizeEmail(learner.email ?? "");
  const base = { userId: learner.userId, email, input: null, hash: null, result: null };
  const problem = emailProblem(email);
  if (problem) {
    return {
      ...base,
      outcome: "invalid",
      issues: [{ kind: "invalid_email", level: null, message: `Not sent: ${problem}.`, payload: null }],
    };
  }
  if (metrics?.unreadable) {
    // Skipped, not guessed at: nothing is recorded as sent, so every run retries (and reports) it.
    const where = metrics.unreadable.level === null ? "" : ` in level ${levelLabel(metrics.unreadable.level)}`;
    const message = `Not sent: the rows of learner ${learner.userId}${where} could not be read (${metrics.unreadable.reason}); fix those rows and the next run sends this learner.`;
    return {
      ...base,
      outcome: "invalid",
      issues: [{ kind: "data_warning", level: metrics.unreadable.level, message, payload: null }],
    };
  }
  const loser = context.duplicateLosers.get(learner.userId);
  const earlierClaim = context.claimedEmails.get(email);
  if (loser || (earlierClaim !== undefined && earlierClaim !== learner.userId)) {
    const winner = loser?.winnerUserId ?? earlierClaim;
    const message = `Not sent: ${email} is also the email of learner ${winner}, which is synced instead (most recent activity wins, then the smallest user id).`;
    return { ...base, outcome: "invalid", issues: [{ kind: "duplicate_email", level: null, message, payload: null }] };
  }
  const input = buildContactInput({
    email,
    learnerId: learner.userId,
    metrics,
    levels: context.levels,
    enabledLevels: context.enabledLevels,
    withheld: context.withheld,
  });
  const hash = hashPayload(input);
  if (!context.isFull && state?.hash === hash && !state.isResendRequested)
    return { ...base, outcome: "unchanged", hash, issues: [] };
  context.claimedEmails.set(email, learner.userId);
  return { ...base, outcome: "upsert", input, hash, issues: warningIssues(metrics), ...chooseOperation(email, state) };
}
