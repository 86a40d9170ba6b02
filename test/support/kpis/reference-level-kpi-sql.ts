/**
 * TEST REFERENCE, not used by the app: the KPI statement as it was before the fast path, kept
 * verbatim in its logic. It groups every (learner, unit) pair and picks each unit's latest valid
 * row for every learner: slow (~5 µs per row) but a direct reading of the source data contract (docs/ARCHITECTURE.md) and of the sync's
 * rules (aggregate-sql.ts), so the tests compare the fast statement's numbers with it.
 *
 * Parameters: $1 completion milestone key, $2 "now", $3 the first chart week's Monday, $4 unit total.
 */
import type { LevelSource } from "@/lib/db/levels/level-source";
import { quoteIdent, quoteQualified } from "@/lib/db/quote-ident";
import { completedValue, numericValue, timeValue } from "@/lib/db/aggregate/source-expressions";
import { CHART_WEEKS, isLearner } from "@/lib/db/kpis/build-level-kpi-sql";

function milestoneRows(source: LevelSource): string {
  // $1 is referenced even without a milestones table: an unused parameter has no type and fails.
  if (!source.milestones)
    return "select null::uuid as user_id, $1::text as milestone, null::timestamptz as achieved_at where false";
  return `select m.${quoteIdent("user_id")} as user_id, m.${quoteIdent("milestone")}::text as milestone,
           ${timeValue("m", source.milestones.achievedAt)} as achieved_at
    from ${quoteQualified(source.schema, source.milestones.table)} m`;
}

export function buildReferenceLevelKpiSql(source: LevelSource): string {
  const userId = quoteIdent("user_id");
  const activity = timeValue("t", source.columns.activity);
  const progressTable = quoteQualified(source.schema, source.progressTable);
  return `with m as (
    ${milestoneRows(source)}
  ), units as (
    -- max() over [activity epoch, accuracy] = the latest valid completed row's accuracy, without sorting.
    select user_id, bool_or(done) as done,
           (max(array[coalesce(extract(epoch from activity_at), '-Infinity'::numeric), acc]) filter (where done and acc >= 0 and acc <= 100))[2] as acc,
           sum(secs) filter (where secs >= 0 and secs < 'Infinity'::numeric) as secs,
           max(activity_at) as last_at
    from (
      select t.${userId} as user_id, t.${quoteIdent("unit_id")} as unit_id, ${completedValue("t", source)} as done,
             ${numericValue("t", "accuracy", source.columns.accuracy)} as acc,
             ${numericValue("t", "time_spent_seconds", source.columns.timeSpent)} as secs,
             ${activity} as activity_at
      from ${progressTable} t
    ) p
    group by user_id, unit_id
  ), progress as (
    select user_id, count(*) filter (where done) as units_completed, round(avg(acc), 1) as accuracy,
           coalesce(sum(secs), 0) as study_seconds, max(last_at) as last_at
    from units group by user_id
  ), milestones as (
    select user_id, bool_or(milestone = $1::text) as has_completion, max(achieved_at) as last_at from m group by user_id
  ), learners as (
    select case when coalesce(ms.has_completion, false) or coalesce(pr.units_completed, 0) >= $4::int then 'completed'
                when pr.user_id is not null then 'in_progress' else 'not_started' end as status,
           coalesce(pr.units_completed, 0) as units_completed, pr.accuracy, coalesce(pr.study_seconds, 0) as study_seconds,
           greatest(pr.last_at, ms.last_at) as last_at
    from progress pr full join milestones ms on ms.user_id = pr.user_id
    where ${isLearner("coalesce(pr.user_id, ms.user_id)")}
  ), weekly as (
    select week, count(*)::int as learners
    from (
      select user_id, date_trunc('week', at at time zone 'UTC') as week
      from (
        select t.${userId} as user_id, ${activity} as at from ${progressTable} t
        union all select user_id, achieved_at from m
      ) e
      where at >= $3::timestamptz and at < $3::timestamptz + interval '${CHART_WEEKS} weeks'
      group by 1, 2
    ) learner_weeks
    where ${isLearner("user_id")}
    group by week
  )
  select count(*) filter (where status <> 'not_started')::int as started,
         count(*) filter (where status = 'in_progress')::int as in_progress,
         count(*) filter (where status = 'completed')::int as completed,
         count(*)::int as with_activity,
         round(avg(units_completed) filter (where status <> 'not_started'), 2)::text as avg_units_completed,
         round(avg(accuracy), 1)::text as avg_accuracy,
         coalesce(sum(study_seconds), 0)::text as study_seconds,
         count(*) filter (where last_at >= $2::timestamptz - interval '7 days')::int as active_7d,
         count(*) filter (where last_at >= $2::timestamptz - interval '30 days')::int as active_30d,
         (select coalesce(json_agg(json_build_object('week', to_char(week, 'YYYY-MM-DD'), 'learners', learners) order by week), '[]'::json)
            from weekly) as weekly
  from learners`;
}

/** Distinct learners with any row in any of the levels (a learner in three levels counts once). */
export function buildReferenceActiveLearnersSql(sources: readonly LevelSource[]): string {
  const userId = quoteIdent("user_id");
  const parts = sources.flatMap((source) => {
    const tables = [quoteQualified(source.schema, source.progressTable)];
    if (source.milestones) tables.push(quoteQualified(source.schema, source.milestones.table));
    return tables.map((table) => `select ${userId} as user_id from ${table}`);
  });
  const active =
    parts.length > 0 ? `(select count(*) from (${parts.join(" union ")}) a where ${isLearner("a.user_id")})` : "0";
  return `select (select count(*) from crm_sync.learners)::int as learners, ${active}::int as active_learners`;
}
