/** Everything crm_sync.contact_state records for one learner, for the learner lookup page. */
import { z } from "zod";
import type { Queryable } from "../queryable";

export interface ContactStateRecord {
  userId: string;
  /** HubSpot's contact id as last returned (after a merge, the survivor's). */
  contactId: string | null;
  /** The email the last confirmed write went under. */
  email: string;
  /** The last confirmed properties (null for rows recorded before payloads were kept). */
  payload: Record<string, string> | null;
  payloadHash: string;
  syncedAt: Date;
  runId: number | null;
  resendRequestedAt: Date | null;
  resendReason: string | null;
}

const rowSchema = z.object({
  user_id: z.string(),
  hubspot_id: z.string().nullable(),
  email: z.string(),
  payload: z.record(z.string(), z.string()).nullable(),
  payload_hash: z.string(),
  synced_at: z.date(),
  run_id: z.number().int().nullable(),
  resend_requested_at: z.date().nullable(),
  resend_reason: z.string().nullable(),
});

export async function readContactState(db: Queryable, userId: string): Promise<ContactStateRecord | null> {
  const { rows } = await db.query(
    `select user_id::text as user_id, hubspot_id, email, payload, payload_hash, synced_at, run_id::int as run_id, resend_requested_at, resend_reason
     from crm_sync.contact_state where user_id = $1::uuid`,
    [userId],
  );
  if (!rows[0]) return null;
  const row = rowSchema.parse(rows[0]);
  return {
    userId: row.user_id,
    contactId: row.hubspot_id,
    email: row.email,
    payload: row.payload,
    payloadHash: row.payload_hash,
    syncedAt: row.synced_at,
    runId: row.run_id,
    resendRequestedAt: row.resend_requested_at,
    resendReason: row.resend_reason,
  };
}
