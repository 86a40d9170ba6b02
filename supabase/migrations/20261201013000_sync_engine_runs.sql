-- Sync engine bookkeeping on crm_sync.runs. One row per invocation of the engine; a run that stops
-- before the end (time budget, crash, 401, lost database) is continued by a NEW row that starts
-- from its cursor, so each row tells the truth about what that invocation did.
--   paused       stopped cleanly at a batch boundary (time budget or abort signal); the next start continues it
--   interrupted  its process died (stale heartbeat); set by the run that took it over
--   failed       stopped by an error; the next start continues it from its cursor
--   cancelled    superseded by a run with a different scope (levels / full)

alter table crm_sync.runs drop constraint if exists runs_status_check;
alter table crm_sync.runs add constraint runs_status_check
  check (status in ('running', 'paused', 'interrupted', 'succeeded', 'partial', 'failed', 'cancelled'));

alter table crm_sync.runs add column if not exists resumed_from_run_id bigint references crm_sync.runs (id) on delete set null;
alter table crm_sync.runs add column if not exists resumed_by_run_id bigint references crm_sync.runs (id) on delete set null;
-- Learners handled by the whole chain up to this run's cursor (progress = chain_processed / total_learners).
alter table crm_sync.runs add column if not exists chain_processed integer not null default 0;
alter table crm_sync.runs add column if not exists write_calls integer not null default 0;
alter table crm_sync.runs add column if not exists rate_limited integer not null default 0;
alter table crm_sync.runs add column if not exists retries integer not null default 0;
alter table crm_sync.runs add column if not exists warnings integer not null default 0;
alter table crm_sync.runs add column if not exists phase text not null default 'planning';

-- A stopped run is continued at most once, even when two starters race for it.
create unique index if not exists runs_resumed_from_once on crm_sync.runs (resumed_from_run_id)
  where resumed_from_run_id is not null;
create index if not exists runs_live_latest_idx on crm_sync.runs (id desc) where mode = 'live';
