/** The payload hash HubSpot last confirmed per learner (crm_sync.contact_state), for a batch. */
import { z } from "zod";
import type { Queryable } from "../queryable";

const stateRowSchema = z.object({ user_id: z.string(), payload_hash: z.string() });

export async function loadContactHashes(db: Queryable, userIds: readonly string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const { rows } = await db.query(
    "select user_id::text as user_id, payload_hash from crm_sync.contact_state where user_id = any($1::uuid[])",
    [userIds],
  );
  return new Map(
    rows.map((raw) => {
      const row = stateRowSchema.parse(raw);
      return [row.user_id, row.payload_hash] as const;
    }),
  );
}
