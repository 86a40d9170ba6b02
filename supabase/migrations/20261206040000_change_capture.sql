-- Change capture and maintained per-learner facts (docs/ARCHITECTURE.md, "Change capture").
--
-- The one thing the app adds to the customer's own tables: three statement-level AFTER triggers
-- (insert, update, delete) on each enabled {level}_progress / {level}_milestones, plus one
-- TRUNCATE trigger. They are installed and removed by the app when a level is enabled or
-- disabled (lib/db/capture); this migration only creates what they call. The triggers append the
-- changed user_ids to crm_sync.change_queue; a sync run claims the queue, re-aggregates only those
-- learners and deletes what it claimed once it completes.
--
-- Idempotent: every statement can run again.

create table if not exists crm_sync.change_queue (
  id bigint generated always as identity primary key,
  user_id uuid not null,
  level text not null,
  captured_at timestamptz not null default now(),
  -- The run chain (its first run's id) that claimed this entry; null = not yet claimed.
  claimed_by bigint
);
create index if not exists change_queue_claimed_by_idx on crm_sync.change_queue (claimed_by);

-- Capture state per level: whether triggers run (and why not), and whether the facts of the level
-- can be trusted (built by a full pass that started after capture was installed).
create table if not exists crm_sync.level_capture (
  level text primary key check (level ~ '^[a-z][a-z0-9_]{0,30}$'),
  mode text not null check (mode in ('triggers', 'full_scan')),
  reason text,
  installed_at timestamptz,
  facts_built_at timestamptz,
  facts_milestone_key text,
  updated_at timestamptz not null default now()
);

-- Each learner's metrics per level, kept current by the sync's re-aggregation of changed learners.
-- Status is derived at read time (unit totals may change); activity weeks are a bitmask of the 62
-- ISO weeks ending with the week `weeks_anchor` (bit 61 = that week), so "active in week W" is
-- answered at read time for any recent W.
create table if not exists crm_sync.learner_facts (
  level text not null,
  user_id uuid not null,
  progress_rows integer not null,
  milestone_rows integer not null,
  units_completed integer not null,
  accuracy numeric,
  study_seconds numeric not null,
  has_completion_milestone boolean not null,
  last_activity_at timestamptz,
  weeks_anchor date not null,
  weeks_mask bigint not null,
  primary key (level, user_id)
);
create index if not exists learner_facts_user_id_idx on crm_sync.learner_facts (user_id);

-- Which learners a run streams. A run chain shares the selection of its first run.
create table if not exists crm_sync.run_selection (
  run_id bigint primary key references crm_sync.runs (id) on delete cascade,
  selection_run_id bigint not null,
  mode text not null check (mode in ('all', 'changed')),
  reason text not null,
  levels text[] not null,
  config_key text not null,
  started_at timestamptz not null default now(),
  completed_at timestamptz
);
create index if not exists run_selection_selection_idx on crm_sync.run_selection (selection_run_id);

create table if not exists crm_sync.run_learners (
  selection_run_id bigint not null,
  user_id uuid not null,
  primary key (selection_run_id, user_id)
);

alter table crm_sync.settings add column if not exists full_reconcile_days integer not null default 7
  check (full_reconcile_days between 1 and 365);
alter table crm_sync.settings add column if not exists daily_request_quota integer not null default 250000
  check (daily_request_quota between 1 and 100000000);

-- SECURITY DEFINER: the customer's roles that write level tables need no right on crm_sync.
create or replace function crm_sync.capture_changes() returns trigger
language plpgsql security definer set search_path = pg_catalog, pg_temp as $fn$
begin
  if tg_op = 'INSERT' then
    insert into crm_sync.change_queue (user_id, level)
      select distinct n.user_id, tg_argv[0] from capture_new n where n.user_id is not null;
  elsif tg_op = 'DELETE' then
    insert into crm_sync.change_queue (user_id, level)
      select distinct o.user_id, tg_argv[0] from capture_old o where o.user_id is not null;
  else
    insert into crm_sync.change_queue (user_id, level)
      select n.user_id, tg_argv[0] from capture_new n where n.user_id is not null
      union
      select o.user_id, tg_argv[0] from capture_old o where o.user_id is not null;
  end if;
  return null;
end
$fn$;

-- TRUNCATE has no transition table: the level's facts are no longer trusted and the next run
-- makes a full pass.
create or replace function crm_sync.capture_truncate() returns trigger
language plpgsql security definer set search_path = pg_catalog, pg_temp as $fn$
begin
  update crm_sync.level_capture set facts_built_at = null, updated_at = now() where level = tg_argv[0];
  return null;
end
$fn$;

revoke all on function crm_sync.capture_changes() from public, anon, authenticated;
revoke all on function crm_sync.capture_truncate() from public, anon, authenticated;

alter table crm_sync.change_queue enable row level security;
alter table crm_sync.level_capture enable row level security;
alter table crm_sync.learner_facts enable row level security;
alter table crm_sync.run_selection enable row level security;
alter table crm_sync.run_learners enable row level security;
revoke all on crm_sync.change_queue, crm_sync.level_capture, crm_sync.learner_facts, crm_sync.run_selection, crm_sync.run_learners
  from public, anon, authenticated;
