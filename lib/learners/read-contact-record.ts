/**
 * What HubSpot last confirmed for one learner (crm_sync.contact_state): the contact id it returned,
 * the email the values were written under, the properties themselves, when, and whether a resend
 * is pending. Rows written before payloads were kept have `payload` null.
 */
import { z } from "zod";
import type { Queryable } from "@/lib/db/queryable";

export interface ContactRecord {
  hubspotId: string | null;
  email: string;
  payload: Record<string, string> | null;
  payloadHash: string;
  syncedAt: Date;
  runId: number | null;
  resendRequestedAt: Date | null;
  resendReason: string | null;
}

const contactRowSchema = z.object({
  hubspot_id: z.string().nullable(),
  email: z.string(),
  payload: z.record(z.string(), z.string()).nullable(),
  payload_hash: z.string(),
  synced_at: z.date(),
  run_id: z.coerce.number().int().nullable(),
  resend_requested_at: z.date().nullable(),
  resend_reason: z.string().nullable(),
});

export async function readContactRecord(db: Queryable, userId: string): Promise<ContactRecord | null> {
  const { rows } = await db.query(
    `select hubspot_id, email, payload, payload_hash, synced_at, run_id, resend_requested_at, resend_reason
     from crm_sync.contact_state where user_id = $1::uuid`,
    [userId],
  );
  if (rows[0] === undefined) return null;
  const row = contactRowSchema.parse(rows[0]);
  return {
    hubspotId: row.hubspot_id,
    email: row.email,
    payload: row.payload,
    payloadHash: row.payload_hash,
    syncedAt: row.synced_at,
    runId: row.run_id,
    resendRequestedAt: row.resend_requested_at,
    resendReason: row.resend_reason,
  };
}
