/**
 * What HubSpot last confirmed per learner (crm_sync.contact_state), for a batch: the payload hash
 * (unchanged learners are skipped), the email it was written under and the contact id HubSpot
 * returned (an email change is sent by that id), and whether a resend was requested (a verify
 * found a difference, or someone asked for it).
 */
import { z } from "zod";
import type { Queryable } from "../queryable";

export interface ContactState {
  hash: string;
  email: string;
  hubspotId: string | null;
  isResendRequested: boolean;
}

const stateRowSchema = z.object({
  user_id: z.string(),
  payload_hash: z.string(),
  email: z.string(),
  hubspot_id: z.string().nullable(),
  is_resend_requested: z.boolean(),
});

export async function loadContactStates(db: Queryable, userIds: readonly string[]): Promise<Map<string, ContactState>> {
  if (userIds.length === 0) return new Map();
  const { rows } = await db.query(
    `select user_id::text as user_id, payload_hash, email, hubspot_id, resend_requested_at is not null as is_resend_requested
     from crm_sync.contact_state where user_id = any($1::uuid[])`,
    [userIds],
  );
  return new Map(
    rows.map((raw) => {
      const row = stateRowSchema.parse(raw);
      return [
        row.user_id,
        {
          hash: row.payload_hash,
          email: row.email,
          hubspotId: row.hubspot_id,
          isResendRequested: row.is_resend_requested,
        },
      ] as const;
    }),
  );
}
