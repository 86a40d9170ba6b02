/**
 * Builds the one statement that aggregates a batch of learners over every level: a UNION ALL of
 * one parenthesised block per level, each filtered by `user_id = any($1::uuid[])`. Identifiers come
 * from discovery and go through quoteIdent; values (user ids, milestone key) are bind parameters.
 * Metric rules (DESIGN §5) and the choices made where the contract is silent:
 * - a unit is completed when `completed` is true or `completed_at` is set (whichever columns exist);
 * - accuracy per unit is the latest (by activity time) completed row with 0 ≤ accuracy ≤ 100
 *   (retries: the last result counts; ties broken by the higher accuracy; rows without an activity
 *   date count as oldest); the level accuracy is the
 *   mean over those units, rounded half away from zero to one decimal by numeric `round`;
 * - NaN, ±Infinity, out-of-range and non-numeric text values are excluded and counted as warnings;
 * - `timestamp without time zone` columns are read as UTC.
 */
import type { LevelSource } from "./level-source";
import { quoteIdent, quoteQualified } from "./quote-ident";
import { completedValue, numericColumn, timeValue as timeColumn } from "./source-expressions";

function milestonesBlock(source: LevelSource): string {
  if (!source.milestones) {
    return "select null::uuid as user_id, 0 as milestone_rows, false as has_completion, null::timestamptz as last_at where false";
  }
  return `select m.${quoteIdent("user_id")} as user_id, count(*)::int as milestone_rows,
           coalesce(bool_or(m.${quoteIdent("milestone")} = $2::text), false) as has_completion,
           max(${timeColumn("m", source.milestones.achievedAt)}) as last_at
    from ${quoteQualified(source.schema, source.milestones.table)} m
    where m.${quoteIdent("user_id")} = any($1::uuid[])
    group by m.${quoteIdent("user_id")}`;
}

function levelBlock(source: LevelSource, levelIndex: number): string {
  const accuracy = numericColumn("t", "accuracy", source.columns.accuracy);
  const seconds = numericColumn("t", "time_spent_seconds", source.columns.timeSpent);
  return `(with p as (
    select t.${quoteIdent("user_id")} as user_id, t.${quoteIdent("unit_id")}::text as unit_id,
           ${completedValue("t", source)} as done,
           ${accuracy.value} as acc, ${accuracy.isNotNumeric} as acc_not_numeric,
           ${seconds.value} as secs, ${seconds.isNotNumeric} as secs_not_numeric,
           ${timeColumn("t", source.columns.activity)} as activity_at
    from ${quoteQualified(source.schema, source.progressTable)} t
    where t.${quoteIdent("user_id")} = any($1::uuid[])
  ), units as (
    -- One row per (learner, unit). max() over [activity epoch, accuracy] picks the latest valid
    -- completed row's accuracy (ties: the higher one) without sorting; no activity date sorts first.
    select user_id, unit_id, count(*) as rows, bool_or(done) as done,
           (max(array[coalesce(extract(epoch from activity_at), '-Infinity'::numeric), acc]) filter (where done and acc >= 0 and acc <= 100))[2] as acc,
           sum(secs) filter (where secs >= 0 and secs < 'Infinity'::numeric) as secs,
           max(activity_at) as last_at,
           count(*) filter (where acc < 0 or (acc > 100 and acc <> 'NaN'::numeric)) as accuracy_out_of_range,
           count(*) filter (where acc = 'NaN'::numeric or acc_not_numeric) as accuracy_not_a_number,
           count(*) filter (where secs < 0) as time_spent_negative,
           count(*) filter (where secs >= 'Infinity'::numeric or secs_not_numeric) as time_spent_not_a_number
    from p group by user_id, unit_id
  ), progress as (
    select user_id, sum(rows)::int as progress_rows, (count(*) filter (where done))::int as units_completed,
           round(avg(acc), 1)::text as accuracy,
           coalesce(sum(secs), 0)::text as study_seconds, max(last_at) as last_at,
           sum(accuracy_out_of_range)::int as accuracy_out_of_range, sum(accuracy_not_a_number)::int as accuracy_not_a_number,
           sum(time_spent_negative)::int as time_spent_negative, sum(time_spent_not_a_number)::int as time_spent_not_a_number
    from units group by user_id
  ), milestones as (
    ${milestonesBlock(source)}
  )
  select ${levelIndex}::int as level_index, coalesce(progress.user_id, milestones.user_id)::text as user_id,
         coalesce(progress.progress_rows, 0) as progress_rows, coalesce(progress.units_completed, 0) as units_completed,
         progress.accuracy, coalesce(progress.study_seconds, '0') as study_seconds,
         progress.last_at as progress_last_at, coalesce(milestones.milestone_rows, 0) as milestone_rows,
         coalesce(milestones.has_completion, false) as has_completion_milestone, milestones.last_at as milestone_last_at,
         coalesce(progress.accuracy_out_of_range, 0) as accuracy_out_of_range,
         coalesce(progress.accuracy_not_a_number, 0) as accuracy_not_a_number,
         coalesce(progress.time_spent_negative, 0) as time_spent_negative,
         coalesce(progress.time_spent_not_a_number, 0) as time_spent_not_a_number
  from progress
  full join milestones on milestones.user_id = progress.user_id)`;
}

/** `$1` = uuid[] of the batch; `$2` = milestone key, present only when some level has milestones. */
export function buildAggregateSql(sources: readonly LevelSource[]): { text: string; usesMilestoneKey: boolean } {
  return {
    text: sources.map((source, index) => levelBlock(source, index)).join("\nunion all\n"),
    usesMilestoneKey: sources.some((source) => source.milestones !== null),
  };
}
