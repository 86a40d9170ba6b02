/**
 * Finds learners for the lookup: by user id, or by email (whole or part). Learners come from the
 * view crm_sync.learners (what the sync reads); a learner who has left it but still has a contact
 * recorded in crm_sync.contact_state is found too and flagged, because that is exactly the case
 * staff ask about ("why does HubSpot still show them?").
 */
import { z } from "zod";
import type { Queryable } from "@/lib/db/queryable";
import type { LearnerQuery } from "./parse-learner-query";

export interface LearnerMatch {
  userId: string;
  /** As stored (null when the learner has none). */
  email: string | null;
  /** False: no longer in crm_sync.learners, only a recorded contact remains. */
  isInView: boolean;
}

export interface LearnerMatches {
  items: LearnerMatch[];
  /** More matched than `limit`: the caller asks for a more precise query. */
  hasMore: boolean;
  /** One learner has exactly this email (or id): the lookup opens it directly. */
  exact: LearnerMatch | null;
}

const matchRowSchema = z.object({
  user_id: z.string(),
  email: z.string().nullable(),
  is_in_view: z.boolean(),
  is_exact: z.boolean(),
});

// One statement for both sources; the second only lists learners the first cannot return.
const MATCH_SQL = `
  with found as (
    select l.user_id, l.email, true as is_in_view from crm_sync.learners l
    where ($1::uuid is not null and l.user_id = $1::uuid)
       or ($2::text is not null and crm_sync.normalize_email(l.email) like $2 escape '\\')
    union all
    select cs.user_id, cs.email, false from crm_sync.contact_state cs
    where (($1::uuid is not null and cs.user_id = $1::uuid)
       or ($2::text is not null and crm_sync.normalize_email(cs.email) like $2 escape '\\'))
      and not exists (select 1 from crm_sync.learners l where l.user_id = cs.user_id)
  )
  select user_id::text as user_id, email, is_in_view,
         ($1::uuid is not null or crm_sync.normalize_email(email) = $3) as is_exact
  from found
  order by is_exact desc, crm_sync.normalize_email(email), user_id
  limit $4`;

/** `%` and `_` typed by staff are literal characters, not wildcards. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

export async function findLearners(db: Queryable, query: LearnerQuery, limit = 20): Promise<LearnerMatches> {
  const userId = query.kind === "user_id" ? query.userId : null;
  const email = query.kind === "email" ? query.email : null;
  const { rows } = await db.query(MATCH_SQL, [
    userId,
    email === null ? null : containsPattern(email),
    email,
    limit + 1,
  ]);
  const parsed = rows.map((raw) => matchRowSchema.parse(raw));
  const items = parsed
    .slice(0, limit)
    .map((row) => ({ userId: row.user_id, email: row.email, isInView: row.is_in_view }));
  const exactRows = parsed.filter((row) => row.is_exact);
  const exact =
    exactRows.length === 1 && exactRows[0]
      ? { userId: exactRows[0].user_id, email: exactRows[0].email, isInView: exactRows[0].is_in_view }
      : null;
  return { items, hasMore: parsed.length > limit, exact };
}
