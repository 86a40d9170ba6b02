/**
 * The one statement that computes a level's KPIs over every learner at once (set-based, group by;
 * never a query per learner). Metric rules are docs/ARCHITECTURE.md, "Source data contract", read exactly as the sync reads them:
 * - a unit is completed when `completed` is true or `completed_at` is set;
 * - a unit's accuracy is its latest completed row with 0 ≤ accuracy ≤ 100 (as aggregate-sql.ts);
 *   a learner's accuracy is the mean over those units, rounded to one decimal as the sync sends it;
 *   the level's average accuracy is the mean over learners who have one;
 * - status: `completed` with the completion milestone or units_completed ≥ unit_total; else
 *   `in_progress` with any progress row; else `not_started` (e.g. only other milestones);
 * - study seconds: sum of non-negative values; last activity: latest progress activity
 *   (updated_at, else created_at) or milestone achieved_at.
 * Only learners in crm_sync.learners count: deleted or banned users drop out.
 *
 * Parameters: $1 completion milestone key, $2 "now", $3 the CHART_WEEKS + 1 Mondays (UTC) that
 * bound the chart weeks, oldest first (timestamptz[]), $4 the level's unit total (null = only the
 * milestone completes the level).
 */
import type { LevelSource } from "@/lib/db/levels/level-source";
import { isSyncedLearnerSql, type LearnerLevels } from "@/lib/db/learners/synced-learner-sql";
import { quoteIdent, quoteQualified } from "@/lib/db/quote-ident";
import { completedValue, numericValue, timeValue, unitIdValue, VALID_ACCURACY } from "../aggregate/source-expressions";
import { studySecondsColumn } from "./study-seconds-column";

export const CHART_WEEKS = 12;

/**
 * "Is a learner" as a hashed SubPlan: one pass over crm_sync.learners into a hash table, one probe
 * per row. Written as `(… in (…)) is true` on purpose: a bare IN becomes a join, and with stale
 * auth.users statistics (a fresh seed) the planner picked a nested loop that ran 100× slower.
 */
export const isLearner = (userIdSql: string) => `(${userIdSql} in (select user_id from crm_sync.learners)) is true`;

/**
 * The chart week of a timestamp as one bit (week i of $3 → 1 << i; outside the chart or null → 0 or
 * null), so a learner's active weeks are one bit_or instead of a (learner, week) grouping.
 * width_bucket gives 0 before the first Monday, i + 1 in week i and CHART_WEEKS + 1 from the end on.
 */
const weekBit = (atSql: string) =>
  `((1 << width_bucket(${atSql}, $3::timestamptz[])) >> 1) & ${(1 << CHART_WEEKS) - 1}`;

function milestonesByLearner(source: LevelSource): string {
  // $1 is referenced even without a milestones table: an unused parameter has no type and fails.
  if (!source.milestones)
    return "select null::uuid as user_id, $1::text is null as has_completion, null::timestamptz as last_at, 0 as weeks where false";
  const achievedAt = timeValue("m", source.milestones.achievedAt);
  return `select m.${quoteIdent("user_id")} as user_id, bool_or(m.${quoteIdent("milestone")}::text = $1::text) as has_completion,
           max(${achievedAt}) as last_at, bit_or(${weekBit(achievedAt)}) as weeks
    from ${quoteQualified(source.schema, source.milestones.table)} m
    group by m.${quoteIdent("user_id")}`;
}

/*
 * Performance (100k learners, 1.27M rows in the largest level; ~4× less CPU than the per-(learner,
 * unit) grouping this replaced): the costly part of that grouping was picking each unit's latest
 * valid row (max over an [epoch, accuracy] array, per row). A learner whose completed rows all have
 * different units needs no pick: the mean over valid rows IS the mean over units. So one group by
 * learner reads every row once, with count(distinct unit_id) (free on input ordered by a
 * (user_id, unit_id) index), and only learners with two completed rows for one unit ("retried")
 * are re-read for the pick. Study time, last activity and the chart weeks (a bitmask) come out of
 * the same pass; rows are never materialised (a CTE of 1.3M rows spilled to disk).
 * When retries are common the re-read costs one more scan and a sort: measured no slower than the
 * old statement with 80% of learners retried, 2.5-3× faster without retries.
 */
export function buildLevelKpiSql(source: LevelSource, earlier: readonly LevelSource[] = []): string {
  const activity = timeValue("t", source.columns.activity);
  const seconds = studySecondsColumn("t", source.columns.timeSpent);
  return `with rows as not materialized (
    select t.${quoteIdent("user_id")} as user_id, ${unitIdValue("t", source)} as unit_id, ${completedValue("t", source)} as done,
           ${numericValue("t", "accuracy", source.columns.accuracy)} as acc,
           case when ${seconds.isCounted} then ${seconds.value} end as secs, ${activity} as activity_at
    from ${quoteQualified(source.schema, source.progressTable)} t
  ), progress as (
    -- count(distinct) skips nulls where the sync's group by unit_id counts a null unit once.
    select user_id, count(distinct unit_id) filter (where done) + bool_or(done and unit_id is null)::int as units_completed,
           count(*) filter (where done) as completed_rows,
           round(avg(acc) filter (where ${VALID_ACCURACY}), 1) as accuracy, coalesce(sum(secs), 0) as study_seconds,
           max(activity_at) as last_at, bit_or(${weekBit("activity_at")}) as weeks
    from rows group by user_id
  ), retried as (
    -- The sync's rule for learners with a retried completed unit: per unit the latest valid row
    -- (ties: the higher accuracy; no activity date counts as oldest), then the mean over units.
    -- OFFSET 0 keeps the planner from probing the index once per retried learner (thousands of
    -- random probes when retries are common): one scan, hashed against the retried learners, and
    -- skipped altogether when there are none.
    select user_id, round(avg(acc), 1) as accuracy
    from (
      select distinct on (user_id, unit_id) user_id, acc
      from (select user_id, unit_id, acc, activity_at from rows where ${VALID_ACCURACY} offset 0) valid_rows
      where user_id in (select user_id from progress where completed_rows > units_completed)
      order by user_id, unit_id, coalesce(activity_at, '-infinity'::timestamptz) desc, acc desc
    ) latest
    group by user_id
  ), milestones as (
    ${milestonesByLearner(source)}
  ), learners as (
    select case when coalesce(ms.has_completion, false) or coalesce(pr.units_completed, 0) >= $4::int then 'completed'
                when pr.user_id is not null then 'in_progress' else 'not_started' end as status,
           coalesce(pr.units_completed, 0) as units_completed,
           case when pr.completed_rows > pr.units_completed then rt.accuracy else pr.accuracy end as accuracy,
           coalesce(pr.study_seconds, 0) as study_seconds, greatest(pr.last_at, ms.last_at) as last_at,
           coalesce(pr.weeks, 0) | coalesce(ms.weeks, 0) as weeks, coalesce(pr.user_id, ms.user_id) as user_id
    from progress pr
    full join milestones ms on ms.user_id = pr.user_id
    left join retried rt on rt.user_id = pr.user_id
    where ${isLearner("coalesce(pr.user_id, ms.user_id)")}
  )
  select count(*) filter (where status <> 'not_started')::int as started,
         count(*) filter (where status = 'in_progress')::int as in_progress,
         count(*) filter (where status = 'completed')::int as completed,
         round(avg(units_completed) filter (where status <> 'not_started'), 2)::text as avg_units_completed,
         round(avg(accuracy), 1)::text as avg_accuracy,
         coalesce(sum(study_seconds), 0)::text as study_seconds,
         -- (select …): computed once, not per learner (timestamptz − interval is only stable).
         count(*) filter (where last_at >= (select $2::timestamptz - interval '7 days'))::int as active_7d,
         count(*) filter (where last_at >= (select $2::timestamptz - interval '30 days'))::int as active_30d,
         array[${Array.from({ length: CHART_WEEKS }, (_, week) => `count(*) filter (where weeks & ${1 << week} <> 0)`).join(", ")}]::int[] as weekly,
         ${earlier.length === 0 ? "count(*)::int" : `(select count(*) from learners l where ${notInEarlierLevels("l.user_id", earlier)})::int`} as first_seen
  from learners`;
}

/**
 * Active learners (any row in any enabled level, counted once) without a union over every row of
 * every level: each level statement counts its learners who have no row in an EARLIER level (an
 * anti-join, probed through the user_id index where there is one), and the report adds these up.
 */
function notInEarlierLevels(userIdSql: string, earlier: readonly LevelSource[]): string {
  const tables = earlier.flatMap((source) => [
    quoteQualified(source.schema, source.progressTable),
    ...(source.milestones ? [quoteQualified(source.schema, source.milestones.table)] : []),
  ]);
  if (tables.length === 0) return "true";
  return `${tables.map((table) => `not exists (select from ${table} e where e.${quoteIdent("user_id")} = ${userIdSql})`).join(" and ")}`;
}

/**
 * Everyone the sync counts as a learner: crm_sync.learners without the staff accounts that have no
 * row in the enabled levels (lib/db/learners/synced-learner-sql.ts). The active ones are the
 * levels' first_seen, added up.
 */
export const countLearnersSql = (levels: LearnerLevels) =>
  `select count(*)::int as learners from crm_sync.learners l where ${isSyncedLearnerSql("l.user_id", levels)}`;
