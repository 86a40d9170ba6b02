/**
 * Learners stream from the view crm_sync.learners in user_id order (keyset pagination: `user_id >
 * cursor`), so a batch costs the same at learner 100 000 as at learner 1 and a cursor can resume.
 */
import { z } from "zod";
import type { Queryable } from "./queryable";

const learnerRowSchema = z.object({ user_id: z.string(), email: z.string() });

export interface LearnerRow {
  userId: string;
  /** As stored; normalised (trimmed, lower case) by the payload builder. */
  email: string;
}

export async function fetchLearnerBatch(db: Queryable, afterUserId: string | null, limit: number): Promise<LearnerRow[]> {
  const { rows } = await db.query(
    `select user_id::text as user_id, email from crm_sync.learners
     where $1::uuid is null or user_id > $1::uuid
     order by user_id
     limit $2`,
    [afterUserId, limit],
  );
  return rows.map((raw) => {
    const row = learnerRowSchema.parse(raw);
    return { userId: row.user_id, email: row.email };
  });
}

/** Learners after the cursor (all learners when the cursor is null). */
export async function countLearners(db: Queryable, afterUserId: string | null = null): Promise<number> {
  const { rows } = await db.query(
    "select count(*)::int as total from crm_sync.learners where $1::uuid is null or user_id > $1::uuid",
    [afterUserId],
  );
  return z.object({ total: z.number().int() }).parse(rows[0]).total;
}
