/**
 * The dashboard KPIs read from the summaries that triggers keep over crm_sync.learner_facts
 * (migration 20261207010000_kpi_summary.sql), in one statement whose cost does not grow with the
 * number of learners. The numbers equal the raw-table statement (build-level-kpi-sql.ts) because
 * the facts are the sync's own per-learner metrics and the summaries are exact sums over them;
 * what depends on time or settings is derived here, at read time:
 * - status from the current unit total (the summary keeps learners per units completed);
 * - "active in the last 7/30 days": the learners per day of last activity after the boundary day,
 *   plus the boundary day itself read from the facts through their (level, last_activity_at) index;
 * - the chart weeks from the learners per active ISO week (the facts' week bitmask, expanded);
 * - active learners (counted once across the enabled levels) from the learners per set of levels.
 * Facts of users who are no longer learners (deleted, banned, left the view: a run drops them
 * later) are subtracted row by row. Which facts those are, cheaply: with learner capture on
 * (lib/db/capture/learner-capture.ts, installed before the last full pass, which dropped every
 * leaver's facts, and not interrupted since) every later leaver is in crm_sync.change_queue, so only
 * queued users are checked; otherwise every learner with facts is (one anti-join, grows with N).
 *
 * Parameters: $1 levels (text[]), $2 their unit totals (int[], null = only the milestone
 * completes), $3 "now", $4 the CHART_WEEKS Mondays (timestamptz[], oldest first).
 */
import { LEARNER_TRIGGER_NAMES } from "../capture/learner-capture";
import { isActiveInWeekSql } from "../facts/activity-weeks";

const NOT_A_LEARNER = (userIdSql: string) =>
  `not exists (select 1 from crm_sync.learners l where l.user_id = ${userIdSql})`;

export const FACTS_KPI_SQL = `with lv as (
    select level, unit_total from unnest($1::text[], $2::int[]) as lv(level, unit_total)
  ), queue_covers_leavers as (
    -- Installed before the pass that last dropped leavers' facts, and neither reinstalled, marked
    -- untrusted (a failed capture, a TRUNCATE of auth.users) nor changed since; triggers still on.
    select coalesce((
      select c.mode = 'triggers' and c.installed_at <= b.built and (c.trusted_since <= b.built or c.updated_at <= b.built)
      from crm_sync.learner_capture c,
           (select min(facts_built_at) as built from crm_sync.level_capture where level = any($1::text[])) as b
      where c.id), false)
      and (select count(*) from pg_catalog.pg_trigger t
           where t.tgrelid = to_regclass('auth.users') and t.tgenabled <> 'D'
             and t.tgname = any(array[${LEARNER_TRIGGER_NAMES.map((name) => `'${name}'`).join(", ")}])) = ${LEARNER_TRIGGER_NAMES.length} as yes
  ), excluded as (
    select q.user_id from crm_sync.change_queue q
    where (select yes from queue_covers_leavers) and ${NOT_A_LEARNER("q.user_id")}
    union
    select g.user_id from crm_sync.learner_fact_levels g
    where not (select yes from queue_covers_leavers) and ${NOT_A_LEARNER("g.user_id")}
  ), xf as materialized (
    select f.* from crm_sync.learner_facts f
    where f.level = any($1::text[]) and f.user_id in (select user_id from excluded)
  ), status_rows as (
    select level, has_completion_milestone as cm, has_progress, units_completed as units, learners as n,
           accuracy_sum, accuracy_count, study_seconds
    from crm_sync.kpi_level_status where level = any($1::text[])
    union all
    select level, has_completion_milestone, progress_rows > 0, units_completed, -1,
           -coalesce(accuracy, 0), -(accuracy is not null)::int, -study_seconds
    from xf
  ), by_status as (
    select s.*, case when s.cm or s.units >= lv.unit_total then 'completed'
                     when s.has_progress then 'in_progress' else 'not_started' end as status
    from status_rows s join lv on lv.level = s.level
  ), per_level as (
    select level,
           coalesce(sum(n) filter (where status <> 'not_started'), 0) as started,
           coalesce(sum(n) filter (where status = 'in_progress'), 0) as in_progress,
           coalesce(sum(n) filter (where status = 'completed'), 0) as completed,
           sum(n * units) filter (where status <> 'not_started') as units_sum,
           sum(accuracy_sum) as accuracy_sum, sum(accuracy_count) as accuracy_count, sum(study_seconds) as study_seconds
    from by_status group by level
  ), edges as (
    -- The thresholds exactly as the raw statement computes them (in the session's time zone).
    select since7, since30, (since7 at time zone 'UTC')::date as day7, (since30 at time zone 'UTC')::date as day30
    from (select $3::timestamptz - interval '7 days' as since7, $3::timestamptz - interval '30 days' as since30) as t
  ), active as (
    select level, sum(n7) as active_7d, sum(n30) as active_30d from (
      select d.level, case when d.day > e.day7 then d.learners else 0 end as n7, d.learners as n30
      from crm_sync.kpi_level_activity_days d cross join edges e
      where d.level = any($1::text[]) and d.day > e.day30
      union all
      select f.level, 1, 0 from crm_sync.learner_facts f
      where f.level = any($1::text[]) and f.last_activity_at >= (select since7 from edges)
        and f.last_activity_at < (select (day7 + 1)::timestamp at time zone 'UTC' from edges)
      union all
      select f.level, 0, 1 from crm_sync.learner_facts f
      where f.level = any($1::text[]) and f.last_activity_at >= (select since30 from edges)
        and f.last_activity_at < (select (day30 + 1)::timestamp at time zone 'UTC' from edges)
      union all
      select x.level, -(x.last_activity_at >= e.since7)::int, -(x.last_activity_at >= e.since30)::int
      from xf x cross join edges e where x.last_activity_at >= e.since30
    ) as counted
    group by level
  ), chart as (
    select w.monday, w.position, (w.monday at time zone 'UTC')::date as week
    from unnest($4::timestamptz[]) with ordinality as w(monday, position)
  ), week_counts as (
    select level, week, sum(n) as n from (
      select k.level, k.week, k.learners as n from crm_sync.kpi_level_weeks k
      where k.level = any($1::text[]) and k.week in (select week from chart)
      union all
      select x.level, c.week, -1 from xf x cross join chart c
      where ${isActiveInWeekSql("x.weeks_anchor", "x.weeks_mask", "c.monday")}
    ) as counted
    group by level, week
  ), weekly as (
    select lv.level, array_agg(coalesce(wc.n, 0)::int order by c.position) as weekly
    from lv cross join chart c left join week_counts wc on wc.level = lv.level and wc.week = c.week
    group by lv.level
  ), learners_active as (
    select coalesce(sum(learners), 0) - (select count(distinct user_id) from xf) as active
    from crm_sync.kpi_level_sets where levels && $1::text[]
  )
  select lv.level,
         coalesce(p.started, 0)::int as started,
         coalesce(p.in_progress, 0)::int as in_progress,
         coalesce(p.completed, 0)::int as completed,
         -- avg() over integers is sum / count in numeric: the same division, the same rounding.
         round(p.units_sum / nullif(p.started, 0), 2)::text as avg_units_completed,
         round(p.accuracy_sum / nullif(p.accuracy_count, 0), 1)::text as avg_accuracy,
         coalesce(p.study_seconds, 0)::text as study_seconds,
         coalesce(a.active_7d, 0)::int as active_7d,
         coalesce(a.active_30d, 0)::int as active_30d,
         w.weekly,
         0 as first_seen,
         (select active from learners_active)::int as active
  from lv
  left join per_level p on p.level = lv.level
  left join active a on a.level = lv.level
  join weekly w on w.level = lv.level`;
