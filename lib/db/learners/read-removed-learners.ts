/**
 * Learners HubSpot still has values for (a crm_sync.contact_state row) who are no longer synced:
 * they left the learners view (deleted, banned, or the customer's view no longer lists them), or
 * they are a staff account without progress in the enabled levels (synced-learner-sql.ts: a learner
 * who was made staff, or a staff account synced before staff were left out). The setting says what
 * happens to them: `keep` (default) leaves their contact alone, `clear` empties their synced
 * properties once and then forgets them. Read in user_id order, a page at a time.
 */
import { z } from "zod";
import type { Queryable } from "../queryable";
import { isSyncedLearnerSql, type LearnerLevels } from "./synced-learner-sql";

export const REMOVED_LEARNERS_POLICIES = ["keep", "clear"] as const;
export type RemovedLearnersPolicy = (typeof REMOVED_LEARNERS_POLICIES)[number];

export interface RemovedLearner {
  userId: string;
  email: string;
  /** Why the sync no longer sends this learner. */
  reason: "left_view" | "staff_without_progress";
  hubspotId: string | null;
  /** The last confirmed properties; null for rows recorded before payloads were kept. */
  payload: Record<string, string> | null;
}

const removedRowSchema = z.object({
  user_id: z.string(),
  email: z.string(),
  hubspot_id: z.string().nullable(),
  payload: z.record(z.string(), z.string()).nullable(),
  is_in_view: z.boolean(),
});

export async function readRemovedLearnersPolicy(db: Queryable): Promise<RemovedLearnersPolicy> {
  const { rows } = await db.query("select removed_learners from crm_sync.settings where id");
  return z
    .object({ removed_learners: z.enum(REMOVED_LEARNERS_POLICIES) })
    .parse(rows[0] ?? { removed_learners: "keep" }).removed_learners;
}

/**
 * `levels`: the enabled levels (`plan.aggregation`), which decide whether a staff account has progress.
 * `selectionRunId`: look only among the learners of that run selection (crm_sync.run_learners), when
 * learner capture put everyone who left in it (lib/db/capture/run-selection.ts); null: every row.
 */
export async function readRemovedLearners(
  db: Queryable,
  levels: LearnerLevels,
  afterUserId: string | null,
  limit: number,
  selectionRunId: number | null = null,
): Promise<RemovedLearner[]> {
  const columns = `cs.user_id::text as user_id, cs.email, cs.hubspot_id, cs.payload,
            exists (select 1 from crm_sync.learners l where l.user_id = cs.user_id) as is_in_view`;
  const isRemoved = `not exists (select 1 from crm_sync.learners l where l.user_id = cs.user_id and ${isSyncedLearnerSql("l.user_id", levels)})`;
  const { rows } =
    selectionRunId === null
      ? await db.query(
          `select ${columns} from crm_sync.contact_state cs
           where ($2::uuid is null or cs.user_id > $2::uuid) and ${isRemoved}
           order by cs.user_id limit $1`,
          [limit, afterUserId],
        )
      : await db.query(
          `select ${columns}
           from crm_sync.run_learners r join crm_sync.contact_state cs on cs.user_id = r.user_id
           where r.selection_run_id = $3 and ($2::uuid is null or r.user_id > $2::uuid) and ${isRemoved}
           order by r.user_id limit $1`,
          [limit, afterUserId, selectionRunId],
        );
  return rows.map((raw) => {
    const row = removedRowSchema.parse(raw);
    return {
      userId: row.user_id,
      email: row.email,
      reason: row.is_in_view ? "staff_without_progress" : "left_view",
      hubspotId: row.hubspot_id,
      payload: row.payload,
    };
  });
}
