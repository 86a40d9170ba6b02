/**
 * What the next sync will do with one learner, decided by the engine's own code: the level plan
 * (readLevelPlan, nothing registered), the aggregation (aggregateBatch for this one learner) and the
 * classification (classifyLearner, which builds the payload with buildContactInput). Nothing here
 * re-implements a rule, so the lookup can never promise a payload the sync would not send.
 */
import type { LevelPlan } from "@/lib/db/levels/plan-levels";
import { aggregateBatch, type LearnerMetrics } from "@/lib/db/aggregate/aggregate-batch";
import { loadContactStates } from "@/lib/db/learners/load-contact-states";
import type { Queryable } from "@/lib/db/queryable";
import type { RecordedIssue, WriteOperation } from "@/lib/sync/execute/run-ledger";
import { classifyLearner } from "@/lib/sync/plan/classify-learner";
import { resolveEmailDuplicates } from "@/lib/sync/plan/resolve-email-duplicates";
import { z } from "zod";

export type NextSend =
  /** Email missing, invalid or shared with the learner who wins, or rows that cannot be read. */
  | { kind: "not_sendable"; issues: RecordedIssue[] }
  /** Same payload as HubSpot last confirmed and no resend pending: the next sync skips this learner. */
  | { kind: "unchanged" }
  | { kind: "send"; operation: WriteOperation; contactId: string | null; isResendRequested: boolean };

export interface NextSendPlan {
  metrics: LearnerMetrics | undefined;
  /** The engine's payload properties (null when the learner is not sendable). */
  payload: Record<string, string> | null;
  /** The normalised email the payload goes out under (null when not sendable). */
  email: string | null;
  next: NextSend;
}

/** Other learners in the view with the same normalised email: only then is the run-wide duplicate pre-pass worth running. */
async function sharesEmail(db: Queryable, userId: string): Promise<boolean> {
  const { rows } = await db.query(
    `select exists (
       select 1 from crm_sync.learners me join crm_sync.learners other
         on crm_sync.normalize_email(other.email) = crm_sync.normalize_email(me.email) and other.user_id <> me.user_id
       where me.user_id = $1::uuid and crm_sync.normalize_email(me.email) <> ''
     ) as shares`,
    [userId],
  );
  return z.object({ shares: z.boolean() }).parse(rows[0]).shares;
}

export async function planNextSend(
  db: Queryable,
  learner: { userId: string; email: string | null },
  plan: LevelPlan,
  withheld: ReadonlySet<string>,
): Promise<NextSendPlan> {
  const { completionMilestoneKey } = plan.settings;
  const metrics = (await aggregateBatch(db, plan.aggregation, [learner.userId], completionMilestoneKey)).get(
    learner.userId,
  );
  const state = (await loadContactStates(db, [learner.userId])).get(learner.userId);
  const duplicateLosers = (await sharesEmail(db, learner.userId))
    ? await resolveEmailDuplicates(db, plan.aggregation, completionMilestoneKey)
    : new Map();
  // isFull: the payload is built even when unchanged, so the lookup can show it; "unchanged" is decided below exactly as the engine decides it.
  const entry = classifyLearner(learner, metrics, state, {
    levels: plan.enabledLevels,
    enabledLevels: plan.enabledLevels,
    withheld,
    isFull: true,
    duplicateLosers,
    claimedEmails: new Map(),
  });
  if (entry.outcome !== "upsert" || entry.input === null)
    return { metrics, payload: null, email: null, next: { kind: "not_sendable", issues: entry.issues } };
  const payload = entry.input.properties;
  const email = entry.email;
  if (state?.hash === entry.hash && !state.isResendRequested)
    return { metrics, payload, email, next: { kind: "unchanged" } };
  return {
    metrics,
    payload,
    email,
    next: {
      kind: "send",
      operation: entry.operation ?? "upsert",
      contactId: entry.contactId ?? null,
      isResendRequested: state?.isResendRequested ?? false,
    },
  };
}
