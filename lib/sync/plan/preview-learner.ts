/**
 * One learner as the sync sees them, for the learner lookup page: their metrics now, the payload
 * the next run would build, what HubSpot last confirmed (contact id, email, payload, when), the
 * properties that would change, how they would be sent, and their recent run issues. Read-only
 * (levels are planned without registering new ones). Properties withheld for drift are not known
 * without HubSpot, so the payload here is the full contract.
 */
import { z } from "zod";
import { aggregateBatch, emptyLevelMetrics, type LevelMetrics } from "@/lib/db/aggregate/aggregate-batch";
import { readContactState, type ContactStateRecord } from "@/lib/db/learners/read-contact-state";
import { readLevelPlan } from "@/lib/db/levels/plan-levels";
import type { Queryable } from "@/lib/db/queryable";
import { buildContactInput } from "./build-payload";
import { hashPayload } from "./hash-payload";
import { emailProblem, missingEmail, normalizeEmail } from "./normalize-email";

export interface LearnerSyncView {
  userId: string;
  /** False when the user is not in crm_sync.learners (deleted, banned, staff, unknown). */
  isLearner: boolean;
  /** As stored, and normalised (null when missing). */
  storedEmail: string | null;
  email: string | null;
  /** Why the learner cannot be sent (missing or invalid email), else null. */
  notSendable: string | null;
  levels: Array<{ level: string } & LevelMetrics>;
  /** The properties the next run would send (null when not sendable). */
  payload: Record<string, string> | null;
  confirmed: ContactStateRecord | null;
  /** Properties whose value would change in HubSpot (email included), confirmed → next. */
  pendingChanges: Array<{ property: string; confirmed: string | null; next: string | null }>;
  /** What the next (not --full) run does with this learner; duplicates are decided run-wide and not shown here. */
  nextOperation: "unchanged" | "upsert_by_email" | "update_by_id" | "not_sendable";
  recentIssues: Array<{ runId: number; kind: string; level: string | null; message: string; createdAt: Date }>;
}

const learnerSchema = z.object({ email: z.string().nullable() });
const issueSchema = z.object({
  run_id: z.number().int(),
  kind: z.string(),
  level: z.string().nullable(),
  message: z.string(),
  created_at: z.date(),
});

function diff(
  confirmed: ContactStateRecord | null,
  email: string,
  payload: Record<string, string>,
): LearnerSyncView["pendingChanges"] {
  const before: Record<string, string> = {
    ...(confirmed?.payload ?? {}),
    ...(confirmed ? { email: confirmed.email } : {}),
  };
  const after: Record<string, string> = { email, ...payload };
  return Object.keys(after)
    .filter((property) => before[property] !== after[property])
    .map((property) => ({ property, confirmed: before[property] ?? null, next: after[property] ?? null }));
}

export async function getLearnerSyncView(
  db: Queryable,
  input: { userId: string; sourceSchema?: string; issueLimit?: number },
): Promise<LearnerSyncView> {
  const userId = z.uuid().parse(input.userId);
  const [plan, learnerRows, confirmed, issueRows] = await Promise.all([
    readLevelPlan(db, input.sourceSchema),
    db.query("select email from crm_sync.learners where user_id = $1::uuid", [userId]),
    readContactState(db, userId),
    db.query(
      `select run_id::int as run_id, kind, level, message, created_at from crm_sync.run_errors
       where user_id = $1::uuid order by id desc limit $2`,
      [userId, input.issueLimit ?? 20],
    ),
  ]);
  const learner = learnerRows.rows[0] ? learnerSchema.parse(learnerRows.rows[0]) : null;
  const metrics = (await aggregateBatch(db, plan.aggregation, [userId], plan.settings.completionMilestoneKey)).get(
    userId,
  );
  const storedEmail = learner?.email ?? null;
  const missing = missingEmail(storedEmail);
  const email = missing ? null : normalizeEmail(storedEmail!);
  const notSendable = !learner ? "not in the learners view" : (missing ?? (email ? emailProblem(email) : null));
  const next =
    email && !notSendable
      ? buildContactInput({
          email,
          learnerId: userId,
          metrics,
          levels: plan.enabledLevels,
          enabledLevels: plan.enabledLevels,
          withheld: new Set(),
        })
      : null;
  const isUnchanged =
    next !== null && confirmed?.payloadHash === hashPayload(next) && confirmed.resendRequestedAt === null;
  const byId = confirmed?.contactId && email && (confirmed.email !== email || confirmed.resendRequestedAt !== null);
  return {
    userId,
    isLearner: learner !== null,
    storedEmail,
    email,
    notSendable,
    levels: plan.enabledLevels.map((level) => ({ level, ...(metrics?.levels.get(level) ?? emptyLevelMetrics()) })),
    payload: next?.properties ?? null,
    confirmed,
    pendingChanges: next && email ? diff(confirmed, email, next.properties) : [],
    nextOperation: !next ? "not_sendable" : isUnchanged ? "unchanged" : byId ? "update_by_id" : "upsert_by_email",
    recentIssues: issueRows.rows.map((raw) => {
      const row = issueSchema.parse(raw);
      return { runId: row.run_id, kind: row.kind, level: row.level, message: row.message, createdAt: row.created_at };
    }),
  };
}
