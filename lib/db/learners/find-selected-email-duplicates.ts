/**
 * The duplicate-email pre-pass of a run that selected only changed learners, with learner capture
 * trusted: the groups of crm_sync.learner_index (normalised emails, kept current for the selection
 * and every learner sharing an email with it: lib/db/capture/learner-index.ts) that hold a selected
 * learner. The same groups findEmailDuplicates finds for those learners, by index lookups instead
 * of grouping the whole learners view.
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
       select distinct i.email from crm_sync.run_learners r join crm_sync.learner_index i on i.user_id = r.user_id
       where r.selection_run_id = $1 and i.email <> ''
     ), members as (
       select i.user_id, i.email from crm_sync.learner_index i join emails e on e.email = i.email
     ), shared as (
       select email from members group by email having count(*) > 1
     )
     select m.user_id::text as user_id, m.email from members m join shared s on s.email = m.email
     order by m.email, m.user_id`,
    [selectionRunId],
  );
  const groups = new Map<string, string[]>();
  for (const raw of rows) {
    const row = duplicateRowSchema.parse(raw);
    groups.set(row.email, [...(groups.get(row.email) ?? []), row.user_id]);
  }
  return groups;
}
