/**
 * Who of the learners view the sync treats as a learner (docs/ARCHITECTURE.md, "Source data
 * contract"): everyone in crm_sync.learners except a staff account (crm_sync.staff) without a
 * single progress or milestone row in any enabled level. A staff member who also studies is a
 * learner and is synced; one who only runs the dashboard is not, and is neither sent, counted nor
 * reported. The view cannot say this itself (it does not know which level tables exist), so every
 * statement that streams, counts or compares learners adds this predicate with the run's levels.
 * Cheap at any size: it probes crm_sync.staff by primary key, and the level tables only for staff.
 */
import { z } from "zod";
import type { LevelAggregationInput } from "../aggregate/aggregate-batch";
import type { Queryable } from "../queryable";
import { quoteIdent, quoteQualified } from "../quote-ident";

/** The enabled levels' tables, as the level plan has them (`plan.aggregation`). */
export type LearnerLevels = readonly Pick<LevelAggregationInput, "source">[];

function levelTables(levels: LearnerLevels): string[] {
  return levels.flatMap(({ source }) => [
    quoteQualified(source.schema, source.progressTable),
    ...(source.milestones ? [quoteQualified(source.schema, source.milestones.table)] : []),
  ]);
}

/** True for a staff account (alias `s` of crm_sync.staff) with no row in any of the levels' tables. */
function hasNoLevelRowSql(levels: LearnerLevels): string {
  const userId = quoteIdent("user_id");
  const checks = levelTables(levels).map(
    (table) => `not exists (select 1 from ${table} t where t.${userId} = s.user_id)`,
  );
  return checks.length === 0 ? "true" : checks.join(" and ");
}

/** SQL condition: `userIdSql` is not a staff account without progress. Add it to a query over crm_sync.learners. */
export function isSyncedLearnerSql(userIdSql: string, levels: LearnerLevels): string {
  return `not exists (select 1 from crm_sync.staff s where s.user_id = ${userIdSql} and ${hasNoLevelRowSql(levels)})`;
}

/** Whether this user is a staff account without progress in the levels: the sync leaves them out. */
export async function isStaffWithoutProgress(db: Queryable, levels: LearnerLevels, userId: string): Promise<boolean> {
  const { rows } = await db.query(`select not ${isSyncedLearnerSql("$1::uuid", levels)} as skipped`, [userId]);
  return z.object({ skipped: z.boolean() }).parse(rows[0]).skipped;
}
