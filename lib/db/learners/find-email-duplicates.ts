/**
 * The run-wide duplicate pre-pass: learners whose normalised email (trimmed, lower case) is shared
 * with another learner. One statement over the whole view; cheap because only the groups come back.
 * The winner of each group is chosen by the sync (it needs activity dates), not here.
 */
import { z } from "zod";
import type { Queryable } from "../queryable";

const duplicateRowSchema = z.object({ user_id: z.string(), email: z.string() });

/** Normalised email → user ids sharing it (sorted). */
export async function findEmailDuplicates(db: Queryable): Promise<Map<string, string[]>> {
  const { rows } = await db.query(
    `with normalised as (
       select user_id, lower(btrim(email)) as email from crm_sync.learners
       -- Learners without an email share "nothing", not an email: each is reported as missing_email.
       where btrim(email) <> ''
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
