/**
 * Learners stream from the view crm_sync.learners in user_id order (keyset pagination: `user_id >
 * cursor`), so a batch costs the same at learner 100 000 as at learner 1 and a cursor can resume.
 * Learners without an email (NULL or blank) come too: the sync reports them as `missing_email`
 * rather than losing them without a word. Staff accounts without progress in the enabled levels
 * are left out, here and in the counts (synced-learner-sql.ts).
 * A run that selected only changed learners (lib/db/capture) streams its snapshot
 * (crm_sync.run_learners) the same way, joined to the view: same order, same cursor.
 */
import { z } from "zod";
import type { RunSelection } from "../capture/run-selection";
import type { Queryable } from "../queryable";
import { isSyncedLearnerSql, type LearnerLevels } from "./synced-learner-sql";

const learnerRowSchema = z.object({ user_id: z.string(), email: z.string().nullable() });

export interface LearnerRow {
  userId: string;
  /** As stored (null when the learner has none); normalised (trimmed, lower case) by the payload builder. */
  email: string | null;
}

// Pitfalls: ORDER BY must name the uuid column (`l.user_id`), not the text alias of the select
// list: text order depends on the collation and need not match the uuid comparison of the cursor,
// and it forces a full sort. Two texts rather than `$1 is null or …`, so the plan is a plain index
// range scan starting at the cursor.
const firstBatchSql = (levels: LearnerLevels) =>
  `select l.user_id::text as user_id, l.email from crm_sync.learners l
   where ${isSyncedLearnerSql("l.user_id", levels)} order by l.user_id limit $1`;
const nextBatchSql = (levels: LearnerLevels) =>
  `select l.user_id::text as user_id, l.email from crm_sync.learners l
   where l.user_id > $2::uuid and ${isSyncedLearnerSql("l.user_id", levels)} order by l.user_id limit $1`;
const snapshotSql = (levels: LearnerLevels) => `select l.user_id::text as user_id, l.email
  from crm_sync.run_learners r join crm_sync.learners l on l.user_id = r.user_id
  where r.selection_run_id = $3 and ($2::uuid is null or r.user_id > $2::uuid) and ${isSyncedLearnerSql("l.user_id", levels)}
  order by r.user_id limit $1`;

const isSnapshot = (selection: RunSelection | null | undefined): selection is RunSelection =>
  selection?.mode === "changed";

/** `levels`: the enabled levels (`plan.aggregation`), which decide whether a staff account has progress. */
export async function readLearnerPage(
  db: Queryable,
  levels: LearnerLevels,
  afterUserId: string | null,
  limit: number,
  selection?: RunSelection | null,
): Promise<LearnerRow[]> {
  const { rows } = isSnapshot(selection)
    ? await db.query(snapshotSql(levels), [limit, afterUserId, selection.selectionRunId])
    : afterUserId === null
      ? await db.query(firstBatchSql(levels), [limit])
      : await db.query(nextBatchSql(levels), [limit, afterUserId]);
  return rows.map((raw) => {
    const row = learnerRowSchema.parse(raw);
    return { userId: row.user_id, email: row.email };
  });
}

/** Learners after the cursor (all learners when the cursor is null), within the run's selection. */
export async function countLearners(
  db: Queryable,
  levels: LearnerLevels,
  afterUserId: string | null = null,
  selection?: RunSelection | null,
): Promise<number> {
  const isSynced = isSyncedLearnerSql("l.user_id", levels);
  const { rows } = isSnapshot(selection)
    ? await db.query(
        `select count(*)::int as total from crm_sync.run_learners r join crm_sync.learners l on l.user_id = r.user_id
         where r.selection_run_id = $2 and ($1::uuid is null or r.user_id > $1::uuid) and ${isSynced}`,
        [afterUserId, selection.selectionRunId],
      )
    : afterUserId === null
      ? await db.query(`select count(*)::int as total from crm_sync.learners l where ${isSynced}`)
      : await db.query(
          `select count(*)::int as total from crm_sync.learners l where l.user_id > $1::uuid and ${isSynced}`,
          [afterUserId],
        );
  return z.object({ total: z.number().int() }).parse(rows[0]).total;
}
