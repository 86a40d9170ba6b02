/**
 * The dashboard KPIs read from crm_sync.learner_facts (lib/db/facts) instead of the level tables:
 * one small aggregate over all levels (grouped by level) and one distinct count for the active
 * learners. The numbers equal the raw-table statement (build-level-kpi-sql.ts) because the facts
 * are the sync's own per-learner metrics; what depends on time or settings is derived here, at
 * read time: status from the current unit total, "active in the last 7/30 days" from
 * last_activity_at, the chart weeks from the stored week bitmask (facts/activity-weeks.ts).
 *
 * Parameters: $1 levels (text[]), $2 their unit totals (int[], null = only the milestone
 * completes), $3 "now", $4 the CHART_WEEKS Mondays (timestamptz[], oldest first).
 */
import { isActiveInWeekSql } from "../facts/activity-weeks";
import { CHART_WEEKS, isLearner } from "./build-level-kpi-sql";

const FACTS = `select f.*, case when f.has_completion_milestone or f.units_completed >= lv.unit_total then 'completed'
                            when f.progress_rows > 0 then 'in_progress' else 'not_started' end as status
    from crm_sync.learner_facts f
    join unnest($1::text[], $2::int[]) as lv(level, unit_total) on lv.level = f.level
    where ${isLearner("f.user_id")}`;

const weekly = Array.from(
  { length: CHART_WEEKS },
  (_, week) =>
    `count(*) filter (where ${isActiveInWeekSql("weeks_anchor", "weeks_mask", `($4::timestamptz[])[${week + 1}]`)})::int`,
).join(", ");

export const FACTS_LEVEL_KPI_SQL = `select level,
         count(*) filter (where status <> 'not_started')::int as started,
         count(*) filter (where status = 'in_progress')::int as in_progress,
         count(*) filter (where status = 'completed')::int as completed,
         round(avg(units_completed) filter (where status <> 'not_started'), 2)::text as avg_units_completed,
         round(avg(accuracy), 1)::text as avg_accuracy,
         coalesce(sum(study_seconds), 0)::text as study_seconds,
         count(*) filter (where last_activity_at >= (select $3::timestamptz - interval '7 days'))::int as active_7d,
         count(*) filter (where last_activity_at >= (select $3::timestamptz - interval '30 days'))::int as active_30d,
         array[${weekly}]::int[] as weekly,
         0 as first_seen
  from (${FACTS}) l
  group by level`;

/** Learners with any row in an enabled level, counted once. */
export const FACTS_ACTIVE_LEARNERS_SQL = `select count(distinct f.user_id)::int as active
  from crm_sync.learner_facts f where f.level = any($1::text[]) and ${isLearner("f.user_id")}`;
