/**
 * The run-wide duplicate pre-pass: learners whose normalised email is shared with another learner.
 * crm_sync.normalize_email (migration 20261206030000) trims exactly what JavaScript's trim() does
 * (tabs, line breaks, no-break spaces too, not only spaces) and lower-cases, as normalizeEmail in
 * lib/sync/plan does, so `Bob@x.com\n` and `bob@x.com` form one group here and one contact there.
 * One statement over the whole view (staff accounts without progress left out, as the sync leaves
 * them out: synced-learner-sql.ts); cheap because only the groups come back.
 * The winner of each group is chosen by the sync (it needs activity dates), not here.
 */
import { z } from "zod";
import type { Queryable } from "../queryable";
import { isSyncedLearnerSql, type LearnerLevels } from "./synced-learner-sql";

const duplicateRowSchema = z.object({ user_id: z.string(), email: z.string() });

/** Normalised email → user ids sharing it (sorted). */
export async function findEmailDuplicates(db: Queryable, levels: LearnerLevels): Promise<Map<string, string[]>> {
  const { rows } = await db.query(
    `with normalised as (
       select l.user_id, crm_sync.normalize_email(l.email) as email from crm_sync.learners l
       -- Learners without an email share "nothing", not an email: each is reported as missing_email.
       where crm_sync.normalize_email(l.email) <> '' and ${isSyncedLearnerSql("l.user_id", levels)}
     ), shared as (
       select email from normalised group by email having count(*) > 1
     )
     select n.user_id::text as user_id, n.email
     from normalised n join shared s using (email)
     order by n.email, n.user_id`,
  );
  const groups = new Map<string, string[]>();
  for (const raw of rows) {
    const row = duplicateRowSchema.parse(raw);
    groups.set(row.email, [...(groups.get(row.email) ?? []), row.user_id]);
  }
  return groups;
}
