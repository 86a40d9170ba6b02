-- Two small corrections.
--
-- 1. Staff who study are learners again. 20261206060000 left every staff account out of
--    crm_sync.learners, so a staff member who also studies (progress or milestone rows) was never
--    synced. The rule is "a staff account with no progress is not a learner", and only the sync
--    knows which level tables exist: the view lists staff again, and the engine leaves out a staff
--    account without a row in any enabled level (lib/db/learners/synced-learner-sql.ts), in what it
--    streams, counts and compares. As in 20261201140000 and 20261206060000: only the definition this
--    app shipped is changed; a customer's own view is left alone, with a notice. Idempotent.
--
--    A run that reads only changed learners sees a change of role through the trigger on
--    crm_sync.staff of 20261207050000_learner_capture.sql.
--
-- 2. crm_sync.runs.stopped_phase: the phase a run was in when it ended (planning, properties,
--    syncing for a sync; verifying for a verify). `phase` is set to 'done' when a run is closed, so
--    the run page could only guess where a failed or paused run stopped.

do $migration$
declare
  current_definition text;
  shipped_definition text;
  restored_definition text;
begin
  -- The definition of 20261206060000 (staff left out), and the one of 20261201140000 it replaced.
  create temporary view crm_sync_learners_shipped_v3 as
    select u.id as user_id, u.email::text as email
    from auth.users u
    where u.deleted_at is null
      and (u.banned_until is null or u.banned_until <= now())
      and not exists (select 1 from crm_sync.staff s where s.user_id = u.id);
  create temporary view crm_sync_learners_v4 as
    select u.id as user_id, u.email::text as email
    from auth.users u
    where u.deleted_at is null
      and (u.banned_until is null or u.banned_until <= now());
  shipped_definition := pg_get_viewdef('pg_temp.crm_sync_learners_shipped_v3'::regclass);
  restored_definition := pg_get_viewdef('pg_temp.crm_sync_learners_v4'::regclass);
  drop view pg_temp.crm_sync_learners_shipped_v3;
  drop view pg_temp.crm_sync_learners_v4;
  current_definition := case when to_regclass('crm_sync.learners') is null then null else pg_get_viewdef('crm_sync.learners'::regclass) end;

  if current_definition is null or current_definition = shipped_definition then
    create or replace view crm_sync.learners as
      select u.id as user_id, u.email::text as email
      from auth.users u
      where u.deleted_at is null
        and (u.banned_until is null or u.banned_until <= now());
  elsif current_definition <> restored_definition then
    raise notice 'crm_sync.learners has a custom definition and was left as is. The sync now leaves out staff accounts without progress by itself; keep staff accounts in the view so that staff who also study are synced.';
  end if;
end
$migration$;

revoke all on crm_sync.learners from public, anon, authenticated;

alter table crm_sync.runs add column if not exists stopped_phase text;
comment on column crm_sync.runs.stopped_phase is
  'The phase the run was in when it ended (phase itself becomes done); null while running and for runs closed before this column existed.';
