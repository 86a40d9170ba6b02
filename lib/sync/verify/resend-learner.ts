/**
 * "Resend" for one learner: marks their contact_state row so the next run sends them even when
 * nothing changed, by the recorded contact id with the email among the properties (so an email or
 * value edited in HubSpot is put back on the same contact). To send right away, start a run next;
 * unchanged learners cost nothing there.
 */
import { z } from "zod";
import type { Queryable } from "@/lib/db/queryable";

export type ResendOutcome =
  /** Marked: the next run sends this learner to contact `contactId` (null: by email). */
  | { status: "marked"; contactId: string | null }
  /** In the learners view but never confirmed by HubSpot: the next run sends them anyway. */
  | { status: "not_synced_yet" }
  /** Not in crm_sync.learners (unknown, deleted or banned): nothing to send. */
  | { status: "not_a_learner" };

const resultSchema = z.object({ is_learner: z.boolean(), marked: z.number().int(), hubspot_id: z.string().nullable() });

export async function resendLearner(
  db: Queryable,
  userId: string,
  reason = "resend requested",
): Promise<ResendOutcome> {
  const id = z.uuid().parse(userId);
  const { rows } = await db.query(
    `with learner as (
       select 1 from crm_sync.learners where user_id = $1
     ), marked as (
       update crm_sync.contact_state set resend_requested_at = now(), resend_reason = $2
       where user_id = $1 and exists (select 1 from learner)
       returning hubspot_id
     )
     select exists (select 1 from learner) as is_learner, (select count(*) from marked)::int as marked,
       (select hubspot_id from marked) as hubspot_id`,
    [id, reason],
  );
  const row = resultSchema.parse(rows[0]);
  if (!row.is_learner) return { status: "not_a_learner" };
  return row.marked === 0 ? { status: "not_synced_yet" } : { status: "marked", contactId: row.hubspot_id };
}
