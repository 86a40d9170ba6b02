/**
 * The learners HubSpot confirmed a write for, with what it confirmed (crm_sync.contact_state): the
 * contact id, the email written under and the last confirmed properties. A verify pages through
 * them in user_id order; rows from before payloads were kept (payload null) cannot be compared.
 */
import { z } from "zod";
import type { Queryable } from "../queryable";

export interface SyncedContact {
  userId: string;
  email: string;
  hubspotId: string;
  payload: Record<string, string>;
}

const syncedRowSchema = z.object({
  user_id: z.string(),
  email: z.string(),
  hubspot_id: z.string(),
  payload: z.record(z.string(), z.string()),
});

const WHERE_COMPARABLE = "hubspot_id is not null and payload is not null";

/** Comparable contacts after the cursor (all when it is null): what a verify, or its continuation, has to read. */
export async function countSyncedContacts(db: Queryable, afterUserId: string | null = null): Promise<number> {
  const { rows } = await db.query(
    `select count(*)::int as total from crm_sync.contact_state
     where ${WHERE_COMPARABLE} and ($1::uuid is null or user_id > $1::uuid)`,
    [afterUserId],
  );
  return z.object({ total: z.number().int() }).parse(rows[0]).total;
}

export async function readSyncedContacts(
  db: Queryable,
  afterUserId: string | null,
  limit: number,
): Promise<SyncedContact[]> {
  const { rows } = await db.query(
    `select user_id::text as user_id, email, hubspot_id, payload from crm_sync.contact_state
     where ${WHERE_COMPARABLE} and ($2::uuid is null or user_id > $2::uuid)
     order by user_id limit $1`,
    [limit, afterUserId],
  );
  return rows.map((raw) => {
    const row = syncedRowSchema.parse(raw);
    return { userId: row.user_id, email: row.email, hubspotId: row.hubspot_id, payload: row.payload };
  });
}
