/**
 * Builds the one statement that aggregates a batch of learners over every level: a UNION ALL of
 * one parenthesised block per level. Identifiers come from discovery and go through quoteIdent;
 * values (user ids, milestone key) are bind parameters.
 * Metric rules (docs/ARCHITECTURE.md, "Source data contract") and the choices made where the contract is silent:
 * - a unit is completed when `completed` is true or `completed_at` is set (whichever columns exist);
 * - accuracy per unit is the latest (by activity time) completed row with 0 ≤ accuracy ≤ 100
 *   (retries: the last result counts; ties broken by the higher accuracy; rows without an activity
 *   date count as oldest); the level accuracy is the
 *   mean over those units, rounded half away from zero to one decimal by numeric `round`;
 * - NaN, ±Infinity, out-of-range and non-numeric text values are excluded and counted as warnings;
 * - so are timestamps JavaScript or HubSpot cannot hold (±infinity, years past 9999) and study
 *   times past 2^53 − 1 seconds, per row and per level sum (source-expressions.ts);
 * - `timestamp without time zone` columns are read as UTC.
 *
 * Performance (see README, Performance): grouping every (learner, unit) pair to find each unit's
 * latest accuracy cost ~5 µs per row. Almost every unit has one valid row, and then the mean over
 * rows IS the mean over units, so each learner is aggregated in one pass over their rows, read in
 * (user_id, unit_id) index order so the DISTINCT counts need no sorting; only learners who have
 * some unit with several valid rows go through the per-unit "latest row" pass. Each value is read
 * and classified once per row (progressRows); timestamps leave as epoch milliseconds, which
 * JavaScript turns into a Date far more cheaply than it parses timestamp text.
 */
import type { LevelSource, NumericColumnKind } from "../levels/level-source";
import { quoteIdent, quoteQualified } from "../quote-ident";
import { activityWeekBit, WEEKS_ANCHOR_SQL } from "../facts/activity-weeks";
import {
  completedValue,
  epochMillis,
  isUnreadableTime,
  MAX_SECONDS,
  MAX_SECONDS_INT,
  nativeNumericColumn,
  numericColumn,
  readableTime,
  timeValue as timeColumn,
  unitIdValue,
} from "./source-expressions";

/** Over progressRows: a completed row whose accuracy counts (0 ≤ accuracy ≤ 100). */
const VALID_ROW = "done and acc_state = 0";

/**
 * Rows of the batch: `= any($1)` decides membership; the key range $2..$3 (smallest and largest id
 * of the batch) lets the planner read one stretch of the (user_id, …) index in order rather than
 * probe it once per learner. The array goes through a scalar subquery so the planner does not
 * estimate the selectivity of each of its hundreds of ids, on every scan, for every statement
 * (a fifth of the planning time); the key range still gives it the row estimate.
 */
function inBatch(alias: string): string {
  const userId = `${alias}.${quoteIdent("user_id")}`;
  return `${userId} >= $2::uuid and ${userId} <= $3::uuid and ${userId} = any((select $1::uuid[])::uuid[])`;
}

/**
 * One row per progress row in (user_id, unit_id) order, values cast safely (source-expressions.ts),
 * each value classified once so the aggregates only test small integers (a numeric read from a row
 * is copied on every comparison, and each row used to be compared a dozen times):
 * - acc_state: 0 = within 0–100, 1 = out of range (±Infinity included), 2 = NaN, null = no value;
 * - secs_state: 0 = within 0–2^53 − 1, 1 = negative, 2 = +Infinity or NaN, 3 = past 2^53 − 1 but
 *   finite, null = no value.
 * Integer and numeric columns are classified straight from the column. A float or text column is
 * converted in an inner select first (offset 0 keeps it apart), so its conversion runs once per
 * row rather than once per test.
 */
function progressRows(source: LevelSource, where: string): string {
  const order = "order by 1, 2";
  const accuracy = numericColumn("t", "accuracy", source.columns.accuracy);
  const seconds = nativeNumericColumn("t", "time_spent_seconds", source.columns.timeSpent);
  const activity = timeColumn("t", source.columns.activity);
  const isCheap = (kind: NumericColumnKind | null) => kind === null || kind === "numeric";
  const states = (acc: string, secs: string) =>
    `case when ${acc} >= 0 and ${acc} <= 100 then 0 when ${acc} = 'NaN'::numeric then 2 when ${acc} is not null then 1 end as acc_state,
           case when ${secs} >= 0 and ${secs} <= ${MAX_SECONDS_INT} then 0 when ${secs} < 0 then 1
                when ${secs} > ${MAX_SECONDS_INT} and ${secs}::numeric < 'Infinity'::numeric then 3 when ${secs} is not null then 2 end as secs_state`;
  const values = `t.${quoteIdent("user_id")} as user_id, ${unitIdValue("t", source)} as unit_id,
           ${completedValue("t", source)} as done,
           ${accuracy.value} as acc, ${accuracy.isNotNumeric} as acc_not_numeric,
           ${seconds.value} as secs, ${seconds.isNotNumeric} as secs_not_numeric,
           ${readableTime(activity)} as activity_at, ${isUnreadableTime(activity)} as activity_unreadable`;
  const table = `${quoteQualified(source.schema, source.progressTable)} t`;
  if (isCheap(source.columns.accuracy) && isCheap(source.columns.timeSpent)) {
    return `select ${values},
           ${states(accuracy.value, seconds.value)}
    from ${table} where ${where} ${order}`;
  }
  // The inner order by tells the outer select the rows already come sorted.
  return `select *, ${states("acc", "secs")}
    from (select ${values} from ${table} where ${where} ${order} offset 0) r
    ${order}`;
}

function milestonesBlock(source: LevelSource): string {
  if (!source.milestones) {
    return "select null::uuid as user_id, 0 as milestone_rows, false as has_completion, null::timestamptz as last_at, 0 as unreadable_at, 0::bigint as weeks where false";
  }
  const achievedAt = timeColumn("t", source.milestones.achievedAt);
  return `select t.${quoteIdent("user_id")} as user_id, count(*)::int as milestone_rows,
           coalesce(bool_or(t.${quoteIdent("milestone")} = $4::text), false) as has_completion,
           max(${readableTime(achievedAt)}) as last_at,
           (count(*) filter (where ${isUnreadableTime(achievedAt)}))::int as unreadable_at,
           bit_or(${activityWeekBit(readableTime(achievedAt))}) as weeks
    from ${quoteQualified(source.schema, source.milestones.table)} t
    where ${inBatch("t")}
    group by t.${quoteIdent("user_id")}`;
}

/**
 * The accuracy of a learner with a unit of several valid rows, read again for that learner alone:
 * per unit, the latest valid row's accuracy (ties: the higher one; no date counts as oldest), then
 * the mean over units. A correlated subquery rather than a join: it runs only for those learners,
 * and the progress aggregate stays a plain subquery instead of a materialised CTE.
 */
function latestPerUnitAccuracy(source: LevelSource): string {
  // Only the columns this needs, so the subquery costs little to plan; `acc` is read as in progressRows.
  const acc = numericColumn("t", "accuracy", source.columns.accuracy).value;
  return `(select round(avg(acc), 1)::text
      from (
        select distinct on (unit_id) acc
        from (select ${unitIdValue("t", source)} as unit_id, ${acc} as acc,
                     ${readableTime(timeColumn("t", source.columns.activity))} as activity_at
              from ${quoteQualified(source.schema, source.progressTable)} t
              where t.${quoteIdent("user_id")} = progress.user_id and ${completedValue("t", source)}
                and ${acc} >= 0 and ${acc} <= 100) rows
        order by unit_id, activity_at desc nulls last, acc desc
      ) latest)`;
}

/**
 * Over progressRows: a row with a value left out and counted as a data warning. The main pass only
 * counts such rows (one aggregate rather than six: a sixth of its time); the few learners who have
 * any are read again for the counts per kind (progressWarningCounts).
 */
const FLAGGED_ROW = "acc_state <> 0 or secs_state <> 0 or acc_not_numeric or secs_not_numeric or activity_unreadable";

/**
 * The warning counts of one learner with flagged rows, read again for that learner alone, in the
 * order of PROGRESS_WARNING_KINDS (aggregate-row.ts): accuracy out of range, accuracy not a number,
 * time spent negative, time spent not a number, time spent out of range, activity unreadable.
 */
function progressWarningCounts(source: LevelSource): string {
  return `(select array[
             count(*) filter (where acc_state = 1), count(*) filter (where acc_state = 2 or acc_not_numeric),
             count(*) filter (where secs_state = 1), count(*) filter (where secs_state = 2 or secs_not_numeric),
             count(*) filter (where secs_state = 3), count(*) filter (where activity_unreadable)]::int[]
      from (${progressRows(source, `t.${quoteIdent("user_id")} = progress.user_id`)}) flagged)`;
}

function levelBlock(source: LevelSource, levelIndex: number): string {
  return `(with p as (
    ${progressRows(source, inBatch("t"))}
  ), progress as (
    select user_id, count(*)::int as progress_rows,
           -- count(distinct) skips a NULL unit_id; such rows still make one unit, as in a group by.
           (count(distinct unit_id) filter (where done) + coalesce(bool_or(done and unit_id is null), false)::int)::int as units_completed,
           count(*) filter (where ${VALID_ROW}) as valid_rows,
           count(distinct unit_id) filter (where ${VALID_ROW}) as valid_units,
           round(avg(acc) filter (where ${VALID_ROW}), 1)::text as accuracy,
           sum(secs) filter (where secs_state = 0) as study_sum,
           (count(*) filter (where secs_state = 0))::int as study_rows,
           max(activity_at) as last_at, bit_or(${activityWeekBit("activity_at")}) as weeks,
           (count(*) filter (where ${FLAGGED_ROW}))::int as flagged_rows
    from p group by user_id
  ), milestones as (
    ${milestonesBlock(source)}
  )
  select ${levelIndex}::int as level_index, coalesce(progress.user_id, milestones.user_id)::text as user_id,
         coalesce(progress.progress_rows, 0) as progress_rows, coalesce(progress.units_completed, 0) as units_completed,
         case when progress.valid_rows > progress.valid_units then ${latestPerUnitAccuracy(source)}
              else progress.accuracy end as accuracy,
         -- A sum past 2^53 − 1 would reach JavaScript rounded (or as Infinity): left out, with a warning.
         case when progress.study_sum > ${MAX_SECONDS} then '0' else coalesce(progress.study_sum, 0)::text end as study_seconds,
         ${epochMillis("progress.last_at")} as progress_last_at, coalesce(milestones.milestone_rows, 0) as milestone_rows,
         coalesce(milestones.has_completion, false) as has_completion_milestone, ${epochMillis("milestones.last_at")} as milestone_last_at,
         case when progress.flagged_rows > 0 then ${progressWarningCounts(source)} end as progress_warnings,
         case when progress.study_sum > ${MAX_SECONDS} then progress.study_rows else 0 end as time_spent_total_out_of_range,
         coalesce(milestones.unreadable_at, 0) as milestone_unreadable,
         -- For crm_sync.learner_facts (lib/db/facts): activity weeks as a bitmask, and its anchor week.
         (coalesce(progress.weeks, 0) | coalesce(milestones.weeks, 0))::text as activity_weeks,
         (select ${epochMillis(WEEKS_ANCHOR_SQL)}) as weeks_anchor
  from progress
  full join milestones on milestones.user_id = progress.user_id)`;
}

/**
 * `$1` = uuid[] of the batch, `$2` / `$3` = its smallest / largest id, `$4` = the milestone key,
 * present only when some level has milestones.
 */
export function buildAggregateSql(sources: readonly LevelSource[]): { text: string; usesMilestoneKey: boolean } {
  return {
    text: sources.map((source, index) => levelBlock(source, index)).join("\nunion all\n"),
    usesMilestoneKey: sources.some((source) => source.milestones !== null),
  };
}
