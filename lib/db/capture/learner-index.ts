/**
 * crm_sync.learner_index: every learner the sync treats as a learner (the learners view, staff
 * without progress left out: lib/db/learners/synced-learner-sql.ts) with the normalised email, and
 * their number in crm_sync.learner_capture. With learner capture trusted (learner-capture.ts) a run
 * keeps it current for the learners it selected, so the run-wide duplicate-email check looks only at
 * the email groups those learners left or joined, and the learner total is read, not counted.
 * Rebuilt in full (one statement over the view) by the passes that compare every learner, beside
 * their stream (nothing reads the index before such a pass ends).
 * Writers serialise on the crm_sync.learner_capture row, so the maintained count stays exact.
 */
import { z } from "zod";
import { inTransaction, type Database, type Queryable } from "../queryable";
import { isSyncedLearnerSql, type LearnerLevels } from "../learners/synced-learner-sql";

const countSchema = z.object({ learner_count: z.coerce.number().int() });

/** Replaces the index with the learners view as it is now; returns the number of learners. */
export async function rebuildLearnerIndex(db: Database, levels: LearnerLevels): Promise<number> {
  return inTransaction(db, async (client) => {
    await client.query("select 1 from crm_sync.learner_capture where id for update");
    await client.query("delete from crm_sync.learner_index");
    const { rows } = await client.query(
      `with added as (
         insert into crm_sync.learner_index (user_id, email)
         select l.user_id, coalesce(crm_sync.normalize_email(l.email), '') from crm_sync.learners l
         where ${isSyncedLearnerSql("l.user_id", levels)}
         returning 1
       )
       update crm_sync.learner_capture set learner_count = (select count(*) from added), index_built_at = now(),
         updated_at = now()
       where id returning learner_count`,
    );
    return countSchema.parse(rows[0]).learner_count;
  });
}

/**
 * Brings the index rows of a selection's learners (crm_sync.run_learners) in line with the view, and
 * adds to the selection every learner sharing an email with one of them, before or after: whether a
 * learner loses a duplicate-email group depends on every member (docs/ARCHITECTURE.md, "Plan").
 * Returns the number of learners after the change.
 */
export async function refreshLearnerIndex(
  db: Database,
  selectionRunId: number,
  levels: LearnerLevels,
): Promise<number> {
  return inTransaction(db, async (client) => {
    await client.query("select 1 from crm_sync.learner_capture where id for update");
    // Every CTE reads the index as it was before this statement, which is what `was` needs; the
    // data-modifying ones all run to completion whether or not the final update reads them. Each
    // lookup is a lateral subquery with LIMIT/OFFSET, which the planner keeps as one index probe
    // per selected learner: without that it may join by scanning the whole index and auth.users.
    const { rows } = await client.query(
      `with selected as (
         select s.user_id, i.email as was, l.email as is_now
         from crm_sync.run_learners s
         left join lateral (
           select i.email from crm_sync.learner_index i where i.user_id = s.user_id limit 1
         ) i on true
         left join lateral (
           select coalesce(crm_sync.normalize_email(l.email), '') as email from crm_sync.learners l
           where l.user_id = s.user_id and ${isSyncedLearnerSql("l.user_id", levels)} limit 1
         ) l on true
         where s.selection_run_id = $1
       ), removed as (
         delete from crm_sync.learner_index i using selected s
         where i.user_id = s.user_id and s.was is not null and s.is_now is null
         returning 1
       ), written as (
         insert into crm_sync.learner_index (user_id, email)
         select user_id, is_now from selected where is_now is not null and is_now is distinct from was
         on conflict (user_id) do update set email = excluded.email
         where crm_sync.learner_index.email is distinct from excluded.email
         returning (xmax = 0) as is_new
       ), touched as (
         select was as email from selected where was <> '' union select is_now from selected where is_now <> ''
       ), members as (
         insert into crm_sync.run_learners (selection_run_id, user_id)
         select $1, i.user_id from touched t
         cross join lateral (
           select i.user_id from crm_sync.learner_index i where i.email = t.email and i.email <> '' offset 0
         ) i
         where not exists (select 1 from crm_sync.run_learners r where r.selection_run_id = $1 and r.user_id = i.user_id)
         on conflict do nothing
         returning 1
       )
       update crm_sync.learner_capture set updated_at = now(), learner_count = learner_count
         + (select count(*) from written where is_new) - (select count(*) from removed)
       where id returning learner_count`,
      [selectionRunId],
    );
    return countSchema.parse(rows[0]).learner_count;
  });
}

/** The standing issues of learners in scope (in the index) outside selection $1. */
const UNSENDABLE_NOT_SELECTED = `from crm_sync.learner_issues li join crm_sync.learner_index i on i.user_id = li.user_id
  where not exists (select 1 from crm_sync.run_learners r where r.selection_run_id = $1 and r.user_id = li.user_id)`;

/**
 * Learners in scope outside a selection who cannot be sent (missing, invalid or duplicate email:
 * crm_sync.learner_issues, kept by live runs): a run that did not read them still counts them as not
 * sendable rather than unchanged, as a run that compared every learner would.
 */
export async function countUnsendableNotSelected(db: Queryable, selectionRunId: number): Promise<number> {
  const { rows } = await db.query(`select count(distinct li.user_id)::int as total ${UNSENDABLE_NOT_SELECTED}`, [
    selectionRunId,
  ]);
  return z.object({ total: z.number().int() }).parse(rows[0]).total;
}

const standingIssueSchema = z.object({
  user_id: z.string(),
  kind: z.enum(["missing_email", "invalid_email", "duplicate_email"]),
  email: z.string().nullable(),
  message: z.string(),
});

/**
 * The standing data issues (crm_sync.learner_issues) of learners in scope that a change-capture
 * run did not read, a page at a time in user id order: a preview lists them as a run that compared
 * every learner would, although it did not re-read those learners.
 */
export async function readUnsendableNotSelected(
  db: Queryable,
  selectionRunId: number,
  after: { userId: string; kind: string } | null,
  limit: number,
): Promise<{ userId: string; kind: z.infer<typeof standingIssueSchema>["kind"]; email: string; message: string }[]> {
  const { rows } = await db.query(
    `select li.user_id::text as user_id, li.kind, li.email, li.message ${UNSENDABLE_NOT_SELECTED}
       and ($2::uuid is null or (li.user_id, li.kind) > ($2::uuid, $4::text))
     order by li.user_id, li.kind
     limit $3`,
    [selectionRunId, after?.userId ?? null, limit, after?.kind ?? null],
  );
  return rows.map((row) => {
    const issue = standingIssueSchema.parse(row);
    return { userId: issue.user_id, kind: issue.kind, email: issue.email ?? "", message: issue.message };
  });
}
