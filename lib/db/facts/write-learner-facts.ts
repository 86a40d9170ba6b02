/**
 * Keeps crm_sync.learner_facts current for one aggregated batch, in one statement: upserts each
 * (learner, level) the aggregation returned and deletes the batch's facts the aggregation no
 * longer returns (the learner's rows in that level were deleted). Rows whose values did not change
 * are not rewritten, so a re-sync of unchanged learners writes nothing. Unreadable learners
 * (aggregate-batch.ts) keep their previous facts: their new values could not be trusted.
 */
import type { LearnerMetrics } from "../aggregate/aggregate-batch";
import type { Queryable } from "../queryable";

const COLUMNS = [
  "level",
  "user_id",
  "progress_rows",
  "milestone_rows",
  "units_completed",
  "accuracy",
  "study_seconds",
  "has_completion_milestone",
  "last_activity_at",
  "weeks_anchor",
  "weeks_mask",
] as const;
const TYPES = ["text", "uuid", "int", "int", "int", "numeric", "numeric", "bool", "timestamptz", "date", "bigint"];
const VALUES = COLUMNS.filter(
  (column) => column !== "level" && column !== "user_id" && column !== "weeks_anchor" && column !== "weeks_mask",
);

const SQL = `with input as (
    select * from unnest(${TYPES.map((type, index) => `$${index + 1}::${type}[]`).join(", ")}) as i(${COLUMNS.join(", ")})
  ), gone as (
    delete from crm_sync.learner_facts f
    where f.user_id = any($12::uuid[]) and f.level = any($13::text[])
      and not exists (select 1 from input i where i.level = f.level and i.user_id = f.user_id)
  )
  insert into crm_sync.learner_facts as f (${COLUMNS.join(", ")})
  select ${COLUMNS.join(", ")} from input order by level, user_id
  on conflict (level, user_id) do update set ${COLUMNS.slice(2)
    .map((column) => `${column} = excluded.${column}`)
    .join(", ")}
  -- Unchanged: same values, and the same weeks (a later anchor sees the old mask shifted by the weeks in between).
  where (${VALUES.map((column) => `f.${column}`).join(", ")}) is distinct from (${VALUES.map((column) => `excluded.${column}`).join(", ")})
     or excluded.weeks_anchor < f.weeks_anchor
     or excluded.weeks_mask <> f.weeks_mask >> ((excluded.weeks_anchor - f.weeks_anchor) / 7)`;

export async function writeLearnerFacts(
  db: Queryable,
  input: { levels: readonly string[]; userIds: readonly string[]; metrics: Map<string, LearnerMetrics> },
): Promise<void> {
  if (input.levels.length === 0 || input.userIds.length === 0) return;
  const columns: unknown[][] = COLUMNS.map(() => []);
  const covered: string[] = [];
  for (const userId of input.userIds) {
    const learner = input.metrics.get(userId);
    if (learner?.unreadable) continue;
    covered.push(userId);
    for (const [level, metrics] of learner?.levels ?? []) {
      const extras = learner?.facts?.get(level);
      if (!extras) throw new Error(`Aggregation returned no fact extras for ${userId} in ${level}`);
      const row = [
        level,
        userId,
        metrics.progressRows,
        metrics.milestoneRows,
        metrics.unitsCompleted,
        metrics.accuracy,
        metrics.studySeconds,
        extras.hasCompletionMilestone,
        metrics.lastActivityAt,
        extras.weeksAnchor.toISOString().slice(0, 10),
        extras.activityWeeks,
      ];
      row.forEach((value, index) => columns[index]!.push(value));
    }
  }
  await db.query(SQL, [...columns, covered, input.levels]);
}
