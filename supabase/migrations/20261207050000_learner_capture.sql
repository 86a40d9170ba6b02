-- Change capture for the learners themselves (docs/ARCHITECTURE.md, "Change capture").
--
-- Level triggers queue learners whose progress changed; a run also has to see learners who joined,
-- left, or changed their email without any progress. Until now every run found those by comparing
-- the whole learners view with crm_sync.contact_state, a cost that grows with the number of
-- learners even when nothing changed. With the learners view as shipped, the app now puts three
-- row-level triggers on auth.users (insert, delete, and an update of email, deleted_at or
-- banned_until; installed by lib/db/capture/learner-capture.ts, never by this migration) plus one
-- for TRUNCATE, and the full comparison runs only when they cannot be trusted: a customised view,
-- no TRIGGER privilege, or before the first complete pass after they were installed.
--
-- Idempotent: every statement can run again.

-- Capture state of the learners view (one row).
create table if not exists crm_sync.learner_capture (
  id boolean primary key default true check (id),
  mode text not null check (mode in ('triggers', 'compare')),
  reason text,
  -- pg_get_viewdef(crm_sync.learners) when the mode was decided: a new definition decides again.
  view_definition text,
  installed_at timestamptz,
  -- Start of the complete live pass that compared every learner after the triggers existed; from
  -- then on the queue alone says who joined, left or changed email. Null: compare in full.
  trusted_since timestamptz,
  -- When crm_sync.learner_index was last rebuilt from the whole view, and the number of learners
  -- the sync treats as learners (its rows), kept with it.
  index_built_at timestamptz,
  learner_count bigint,
  -- removed_learners as the last complete live pass over every level applied it: after one that
  -- cleared, the queue alone says who left since (settings.removed_learners = clear).
  removed_policy text,
  updated_at timestamptz not null default now()
);

-- Every learner the sync treats as a learner, with the normalised email (crm_sync.normalize_email,
-- '' when none): duplicate emails are found among the changed learners' groups by index instead of
-- grouping the whole view. Rebuilt by full passes, kept current for the learners a run selects.
create table if not exists crm_sync.learner_index (
  user_id uuid primary key,
  email text not null
);
create index if not exists learner_index_email_idx on crm_sync.learner_index (email) where email <> '';

-- A ban that ends later changes the learners view without any write: the trigger records when, and
-- a run queues the learner once that time has passed.
create table if not exists crm_sync.learner_rechecks (
  user_id uuid not null,
  due_at timestamptz not null,
  primary key (user_id, due_at)
);
create index if not exists learner_rechecks_due_at_idx on crm_sync.learner_rechecks (due_at);

-- How a chain chose its learners: 'capture' (the queue), 'compare' (the whole view was compared, and
-- the learner index rebuilt), null (a dry run or a level subset that does neither).
alter table crm_sync.run_selection add column if not exists learner_source text
  check (learner_source in ('capture', 'compare'));

-- Learners marked for a resend (a verify found a difference) without reading every contact_state row.
create index if not exists contact_state_resend_idx on crm_sync.contact_state (user_id)
  where resend_requested_at is not null;

-- SECURITY DEFINER: Supabase Auth (supabase_auth_admin) writes auth.users and needs no right on
-- crm_sync. A failure here must never stop a sign-up: it is reported as a warning and the learner
-- capture is marked untrusted, so the next run compares every learner again.
create or replace function crm_sync.capture_learner_changes() returns trigger
language plpgsql security definer set search_path = pg_catalog, pg_temp as $fn$
begin
  begin
    if tg_op in ('DELETE', 'UPDATE') then
      insert into crm_sync.change_queue (user_id, level) values (old.id, '@learners');
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
      if tg_op = 'INSERT' or new.id is distinct from old.id then
        insert into crm_sync.change_queue (user_id, level) values (new.id, '@learners');
      end if;
      if new.banned_until > now() then
        insert into crm_sync.learner_rechecks (user_id, due_at) values (new.id, new.banned_until)
        on conflict do nothing;
      end if;
    end if;
  exception when others then
    raise warning 'crm_sync learner capture failed (%); the next sync compares every learner', sqlerrm;
    begin
      update crm_sync.learner_capture set trusted_since = null, updated_at = now() where id;
    exception when others then
      null;
    end;
  end;
  return null;
end
$fn$;

create or replace function crm_sync.capture_learner_truncate() returns trigger
language plpgsql security definer set search_path = pg_catalog, pg_temp as $fn$
begin
  update crm_sync.learner_capture set trusted_since = null, updated_at = now() where id;
  return null;
end
$fn$;

-- Staff membership decides who is a learner (lib/db/learners/synced-learner-sql.ts); crm_sync.staff
-- is the app's own table, so its trigger is created here.
create or replace function crm_sync.capture_staff_changes() returns trigger
language plpgsql security definer set search_path = pg_catalog, pg_temp as $fn$
begin
  if tg_op in ('DELETE', 'UPDATE') then
    insert into crm_sync.change_queue (user_id, level) values (old.user_id, '@staff');
  end if;
  if tg_op = 'INSERT' or (tg_op = 'UPDATE' and new.user_id is distinct from old.user_id) then
    insert into crm_sync.change_queue (user_id, level) values (new.user_id, '@staff');
  end if;
  return null;
end
$fn$;

drop trigger if exists crm_sync_capture_staff on crm_sync.staff;
create trigger crm_sync_capture_staff after insert or delete or update of user_id on crm_sync.staff
  for each row execute function crm_sync.capture_staff_changes();

revoke all on function crm_sync.capture_learner_changes() from public, anon, authenticated;
revoke all on function crm_sync.capture_learner_truncate() from public, anon, authenticated;
revoke all on function crm_sync.capture_staff_changes() from public, anon, authenticated;

alter table crm_sync.learner_capture enable row level security;
alter table crm_sync.learner_index enable row level security;
alter table crm_sync.learner_rechecks enable row level security;
revoke all on crm_sync.learner_capture, crm_sync.learner_index, crm_sync.learner_rechecks
  from public, anon, authenticated;
