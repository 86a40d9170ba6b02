/**
 * Decides what happens to one learner of a batch (grouparoo's "plan each record"): missing email,
 * invalid email, duplicate email, unchanged since the last confirmed sync, or upsert with this exact input.
 * Data warnings are attached only to learners that are sent: they explain values in this payload;
 * an unchanged learner's warnings were reported by the run that sent it.
 */
import type { DataWarning, LearnerMetrics } from "@/lib/db/aggregate/aggregate-batch";
import type { LearnerRow } from "@/lib/db/learners/read-learner-page";
import { levelLabel } from "@/lib/hubspot/properties/property-contract";
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
  /** Emails already queued by this invocation → user id; guards against duplicates the pre-pass could not see. */
  claimedEmails: Map<string, string>;
}

const WARNING_TEXT: Record<DataWarning["kind"], string> = {
  accuracy_out_of_range: "accuracy value(s) outside 0–100 excluded",
  accuracy_not_a_number: "accuracy value(s) that are not numbers (NaN or text) excluded",
  time_spent_negative: "negative time_spent_seconds value(s) excluded",
  time_spent_not_a_number: "time_spent_seconds value(s) that are not finite numbers excluded",
};

function warningIssues(metrics: LearnerMetrics | undefined): RecordedIssue[] {
  return (metrics?.warnings ?? []).map((warning) => ({
    kind: "data_warning",
    level: warning.level,
    message: `Level ${levelLabel(warning.level)}: ${warning.rows} ${WARNING_TEXT[warning.kind]}.`,
    payload: null,
  }));
}

export function classifyLearner(
  learner: LearnerRow,
  metrics: LearnerMetrics | undefined,
  lastSyncedHash: string | undefined,
  context: ClassifyContext,
): LedgerEntry {
  const missing = missingEmail(learner.email);
  if (missing) {
    // The user id is the only handle on such a learner, so the message names it.
    const message = `Not sent: learner ${learner.userId} has ${missing}; HubSpot contacts are matched by email, so add one to sync this learner.`;
    return { userId: learner.userId, email: "", input: null, hash: null, result: null, outcome: "invalid", issues: [{ kind: "missing_email", level: null, message, payload: null }] };
  }
  const email = normalizeEmail(learner.email ?? "");
  const base = { userId: learner.userId, email, input: null, hash: null, result: null };
  const problem = emailProblem(email);
  if (problem) {
    return { ...base, outcome: "invalid", issues: [{ kind: "invalid_email", level: null, message: `Not sent: ${problem}.`, payload: null }] };
  }
  const loser = context.duplicateLosers.get(learner.userId);
  const earlierClaim = context.claimedEmails.get(email);
  if (loser || (earlierClaim !== undefined && earlierClaim !== learner.userId)) {
    const winner = loser?.winnerUserId ?? earlierClaim;
    const message = `Not sent: ${email} is also the email of learner ${winner}, which is synced instead (most recent activity wins, then the smallest user id).`;
    return { ...base, outcome: "invalid", issues: [{ kind: "duplicate_email", level: null, message, payload: null }] };
  }
  const input = buildContactInput({ email, metrics, levels: context.levels, enabledLevels: context.enabledLevels, withheld: context.withheld });
  const hash = hashPayload(input);
  if (!context.isFull && lastSyncedHash === hash) return { ...base, outcome: "unchanged", hash, issues: [] };
  context.claimedEmails.set(email, learner.userId);
  return { ...base, outcome: "upsert", input, hash, issues: warningIssues(metrics) };
}
