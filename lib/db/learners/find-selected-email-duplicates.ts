/**
 * The duplicate-email pre-pass of a run that selected only changed learners, with learner capture
 * trusted: the groups of crm_sync.learner_index (normalised emails, kept current for the selection
 * and every learner sharing an email with it: lib/db/capture/learner-index.ts) that hold a selected
 * learner. The same groups findEmailDuplicates finds for those learners, by index lookups instead
 * of grouping the whole learners view: each lookup is a lateral subquery the planner keeps as
 * one index probe per selected learner or email, whatever it estimates for run_learners.
 */
import { z } from "zod";
import type { Queryable } from "../queryable";

const duplicateRowSchema = z.object({ user_id: z.string(), email: z.string() });

/** Normalised email → user ids sharing it (sorted), for the groups of the selection's learners. */
export async function findSelectedEmailDuplicates(
  db: Queryable,
  selectionRunId: number,
): Promise<Map<string, string[]>> {
  const { rows } = await db.query(
    `with emails as (
       select distinct i.email from crm_sync.run_learners r
       cross join lateral (
         select i.email from crm_sync.learner_index i where i.user_id = r.user_id and i.email <> '' limit 1
       ) i
       where r.selection_run_id = $1
     ), members as (
       select m.user_id, e.email, count(*) over (partition by e.email) as shared_by
       from emails e
       cross join lateral (
         select i.user_id from crm_sync.learner_index i where i.email = e.email and i.email <> '' offset 0
       ) m
     )
     select user_id::text as user_id, email from members where shared_by > 1 order by email, user_id`,
    [selectionRunId],
  );
  const groups = new Map<string, string[]>();
  for (const raw of rows) {
    const row = duplicateRowSchema.parse(raw);
    groups.set(row.email, [...(groups.get(row.email) ?? []), row.user_id]);
  }
  return groups;
}
