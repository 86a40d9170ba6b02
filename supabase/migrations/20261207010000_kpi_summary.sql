-- Maintained KPI summaries over crm_sync.learner_facts (docs/ARCHITECTURE.md, "Dashboard KPIs").
--
-- The dashboard used to aggregate every facts row on each read; at 1M learners (2M facts rows)
-- that cannot be fast. These tables hold the same figures pre-aggregated, per level, in rows whose
-- number does not grow with the learners, and statement-level triggers on crm_sync.learner_facts
-- keep them current from the transition tables (add the new rows, subtract the old ones):
-- - kpi_level_status: learners per (level, completion milestone, any progress row, units
--   completed), with the sums of accuracy, of accuracy counts and of study seconds. Status depends
--   on the unit total, a setting that can change: it is derived at read time from these keys.
-- - kpi_level_activity_days: learners per (level, UTC day of last activity). "Active in the last
--   7/30 days" is the sum over the days after the boundary day plus that one day read from the
--   facts (index below), so it stays right as days pass without any write.
-- - kpi_level_weeks: learners active per (level, ISO week), from the facts' week bitmask.
-- - learner_fact_levels + kpi_level_sets: each learner's set of levels with facts, and the number
--   of learners per set: "active learners" (counted once across the enabled levels) is the sum
--   over the sets that meet the enabled levels.
-- The facts keep learners who left the learners view until a run drops them; the read subtracts
-- their rows (lib/db/kpis/build-facts-kpi-sql.ts).
--
-- Concurrency: the trigger function takes a self-conflicting lock first (SHARE ROW EXCLUSIVE on
-- kpi_level_sets; plain reads are not blocked), so writers apply their deltas one after the other
-- and each sees the per-learner level sets its predecessors committed. The lock is held to the end
-- of the transaction: a transaction that writes facts must do so in one statement (the app's writes
-- are single statements), or it can deadlock with a concurrent writer waiting for its facts rows.
--
-- Idempotent: every statement can run again (the backfill recomputes from the facts).

create table if not exists crm_sync.kpi_level_status (
  level text not null,
  has_completion_milestone boolean not null,
  has_progress boolean not null,
  units_completed integer not null,
  learners bigint not null,
  accuracy_sum numeric not null,
  accuracy_count bigint not null,
  study_seconds numeric not null,
  primary key (level, has_completion_milestone, has_progress, units_completed)
);

create table if not exists crm_sync.kpi_level_activity_days (
  level text not null,
  day date not null,
  learners bigint not null,
  primary key (level, day)
);

create table if not exists crm_sync.kpi_level_weeks (
  level text not null,
  week date not null,
  learners bigint not null,
  primary key (level, week)
);

create table if not exists crm_sync.learner_fact_levels (
  user_id uuid primary key,
  -- The levels the learner has facts in, sorted (collation "C"), never empty.
  levels text[] not null
);

create table if not exists crm_sync.kpi_level_sets (
  levels text[] primary key,
  learners bigint not null
);

-- The boundary day of "active in the last 7/30 days": facts of one level within one day.
create index if not exists learner_facts_level_activity_idx on crm_sync.learner_facts (level, last_activity_at);

-- The statement that applies one change of crm_sync.learner_facts to every summary. `source`
-- selects the changed rows with a sign (+1 new, −1 old), from the trigger's transition tables. The
-- trigger function runs it itself: transition tables are not visible in a function it calls.
create or replace function crm_sync.kpi_delta_sql(source text) returns text
language sql immutable set search_path = pg_catalog, pg_temp as $fn$
  select format($sql$
    with delta as materialized (%s),
    status as (
      insert into crm_sync.kpi_level_status as s (level, has_completion_milestone, has_progress, units_completed,
                                                  learners, accuracy_sum, accuracy_count, study_seconds)
      select level, has_completion_milestone, progress_rows > 0, units_completed, sum(sign),
             coalesce(sum(sign * accuracy), 0), coalesce(sum(sign) filter (where accuracy is not null), 0),
             sum(sign * study_seconds)
      from delta group by 1, 2, 3, 4
      having sum(sign) <> 0 or coalesce(sum(sign * accuracy), 0) <> 0
          or coalesce(sum(sign) filter (where accuracy is not null), 0) <> 0 or sum(sign * study_seconds) <> 0
      order by 1, 2, 3, 4
      on conflict (level, has_completion_milestone, has_progress, units_completed) do update
        set learners = s.learners + excluded.learners, accuracy_sum = s.accuracy_sum + excluded.accuracy_sum,
            accuracy_count = s.accuracy_count + excluded.accuracy_count,
            study_seconds = s.study_seconds + excluded.study_seconds
    ),
    days as (
      insert into crm_sync.kpi_level_activity_days as d (level, day, learners)
      select level, (last_activity_at at time zone 'UTC')::date, sum(sign)
      from delta where last_activity_at is not null group by 1, 2 having sum(sign) <> 0 order by 1, 2
      on conflict (level, day) do update set learners = d.learners + excluded.learners
    ),
    weeks as (
      -- Bit i of the mask is the week 61 − i weeks before the anchor (lib/db/facts/activity-weeks.ts):
      -- one pass sums every bit per anchor, then each non-zero sum becomes that week's delta.
      insert into crm_sync.kpi_level_weeks as w (level, week, learners)
      select a.level, a.weeks_anchor - 7 * (62 - b.position::int), sum(b.n)
      from (select level, weeks_anchor, array[%s] as counts from delta where weeks_mask <> 0 group by 1, 2) as a
      cross join unnest(a.counts) with ordinality as b(n, position)
      where b.n <> 0
      group by 1, 2 having sum(b.n) <> 0 order by 1, 2
      on conflict (level, week) do update set learners = w.learners + excluded.learners
    ),
    keys as (
      -- Per learner: the levels whose facts row appeared (+) or went (−); an update in place nets 0.
      select user_id, array_agg(level) filter (where n > 0) as added, array_agg(level) filter (where n < 0) as removed
      from (select user_id, level, sum(sign) as n from delta group by 1, 2 having sum(sign) <> 0) as moved
      group by user_id
    ),
    changed as (
      select k.user_id, coalesce(g.levels, '{}'::text[]) as before,
             array(select distinct x collate "C" from unnest(coalesce(g.levels, '{}'::text[]) || coalesce(k.added, '{}'::text[])) as x
                   where x <> all(coalesce(k.removed, '{}'::text[])) order by x collate "C") as after
      from keys k left join crm_sync.learner_fact_levels g on g.user_id = k.user_id
    ),
    written as (
      insert into crm_sync.learner_fact_levels as g (user_id, levels)
      select user_id, after from changed where cardinality(after) > 0 and after <> before order by user_id
      on conflict (user_id) do update set levels = excluded.levels
    ),
    gone as (
      delete from crm_sync.learner_fact_levels g using changed c
      where g.user_id = c.user_id and cardinality(c.after) = 0
    )
    insert into crm_sync.kpi_level_sets as s (levels, learners)
    select levels, sum(n) from (
      select before as levels, -1 as n from changed where cardinality(before) > 0 and before <> after
      union all
      select after, 1 from changed where cardinality(after) > 0 and before <> after
    ) as moved
    group by levels having sum(n) <> 0 order by levels
    on conflict (levels) do update set learners = s.learners + excluded.learners
  $sql$, source,
  (select string_agg(format('sum(sign * ((weeks_mask >> %s) & 1)::int)', bit), ', ' order by bit) from generate_series(0, 61) as bit))
$fn$;

create or replace function crm_sync.maintain_kpi_summary() returns trigger
language plpgsql security definer set search_path = pg_catalog, pg_temp as $fn$
begin
  -- A statement fires all three triggers, most with nothing to apply (the sync's write is an insert,
  -- an update and a delete in one): those return at once, without the lock.
  if tg_op = 'INSERT' then
    if not exists (select 1 from kpi_new) then return null; end if;
    lock table crm_sync.kpi_level_sets in share row exclusive mode;
    execute crm_sync.kpi_delta_sql('select 1 as sign, n.* from kpi_new n');
  elsif tg_op = 'DELETE' then
    if not exists (select 1 from kpi_old) then return null; end if;
    lock table crm_sync.kpi_level_sets in share row exclusive mode;
    execute crm_sync.kpi_delta_sql('select -1 as sign, o.* from kpi_old o');
  else
    if not exists (select 1 from kpi_new) then return null; end if;
    lock table crm_sync.kpi_level_sets in share row exclusive mode;
    execute crm_sync.kpi_delta_sql('select 1 as sign, n.* from kpi_new n union all select -1, o.* from kpi_old o');
  end if;
  return null;
end
$fn$;

-- Recomputes every summary from the facts (the backfill below; also a repair tool).
create or replace function crm_sync.rebuild_kpi_summary() returns void
language plpgsql security definer set search_path = pg_catalog, pg_temp as $fn$
begin
  lock table crm_sync.learner_facts in share mode;
  lock table crm_sync.kpi_level_sets in share row exclusive mode;
  delete from crm_sync.kpi_level_status;
  delete from crm_sync.kpi_level_activity_days;
  delete from crm_sync.kpi_level_weeks;
  delete from crm_sync.learner_fact_levels;
  delete from crm_sync.kpi_level_sets;
  execute crm_sync.kpi_delta_sql('select 1 as sign, f.* from crm_sync.learner_facts f');
end
$fn$;

create or replace function crm_sync.truncate_kpi_summary() returns trigger
language plpgsql security definer set search_path = pg_catalog, pg_temp as $fn$
begin
  lock table crm_sync.kpi_level_sets in share row exclusive mode;
  delete from crm_sync.kpi_level_status;
  delete from crm_sync.kpi_level_activity_days;
  delete from crm_sync.kpi_level_weeks;
  delete from crm_sync.learner_fact_levels;
  delete from crm_sync.kpi_level_sets;
  return null;
end
$fn$;

-- Transition tables allow one event per trigger: three triggers and one for TRUNCATE.
drop trigger if exists crm_sync_kpi_summary_ins on crm_sync.learner_facts;
drop trigger if exists crm_sync_kpi_summary_upd on crm_sync.learner_facts;
drop trigger if exists crm_sync_kpi_summary_del on crm_sync.learner_facts;
drop trigger if exists crm_sync_kpi_summary_trunc on crm_sync.learner_facts;
create trigger crm_sync_kpi_summary_ins after insert on crm_sync.learner_facts
  referencing new table as kpi_new for each statement execute function crm_sync.maintain_kpi_summary();
create trigger crm_sync_kpi_summary_upd after update on crm_sync.learner_facts
  referencing old table as kpi_old new table as kpi_new for each statement execute function crm_sync.maintain_kpi_summary();
create trigger crm_sync_kpi_summary_del after delete on crm_sync.learner_facts
  referencing old table as kpi_old for each statement execute function crm_sync.maintain_kpi_summary();
create trigger crm_sync_kpi_summary_trunc after truncate on crm_sync.learner_facts
  for each statement execute function crm_sync.truncate_kpi_summary();

select crm_sync.rebuild_kpi_summary();

revoke all on function crm_sync.kpi_delta_sql(text) from public, anon, authenticated;
revoke all on function crm_sync.maintain_kpi_summary() from public, anon, authenticated;
revoke all on function crm_sync.rebuild_kpi_summary() from public, anon, authenticated;
revoke all on function crm_sync.truncate_kpi_summary() from public, anon, authenticated;

alter table crm_sync.kpi_level_status enable row level security;
alter table crm_sync.kpi_level_activity_days enable row level security;
alter table crm_sync.kpi_level_weeks enable row level security;
alter table crm_sync.learner_fact_levels enable row level security;
alter table crm_sync.kpi_level_sets enable row level security;
revoke all on crm_sync.kpi_level_status, crm_sync.kpi_level_activity_days, crm_sync.kpi_level_weeks,
  crm_sync.learner_fact_levels, crm_sync.kpi_level_sets from public, anon, authenticated;
