/**
 * The learner lookup's search box: learners by user id, by HubSpot contact id, or by email
 * (normalised like the sync: crm_sync.normalize_email; a prefix matches), with their recorded
 * contact id. At most `limit` rows, emails in order.
 */
import { z } from "zod";
import type { Queryable } from "../queryable";

export interface LearnerMatch {
  userId: string;
  email: string | null;
  contactId: string | null;
  syncedAt: Date | null;
}

const rowSchema = z.object({
  user_id: z.string(),
  email: z.string().nullable(),
  hubspot_id: z.string().nullable(),
  synced_at: z.date().nullable(),
});
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function searchLearners(db: Queryable, query: string, limit = 20): Promise<LearnerMatch[]> {
  const term = z.string().trim().min(1).max(320).parse(query);
  const { rows } = await db.query(
    `select l.user_id::text as user_id, l.email, cs.hubspot_id, cs.synced_at
     from crm_sync.learners l left join crm_sync.contact_state cs on cs.user_id = l.user_id
     where ($2::uuid is not null and l.user_id = $2::uuid)
        or cs.hubspot_id = $1
        or starts_with(crm_sync.normalize_email(l.email), crm_sync.normalize_email($1))
     order by crm_sync.normalize_email(l.email) nulls last, l.user_id
     limit $3`,
    [term, UUID.test(term) ? term : null, Math.min(Math.max(limit, 1), 100)],
  );
  return rows.map((raw) => {
    const row = rowSchema.parse(raw);
    return { userId: row.user_id, email: row.email, contactId: row.hubspot_id, syncedAt: row.synced_at };
  });
}
