-- App-owned objects of Level Progress CRM Sync. Everything lives in schema crm_sync.
-- The app connects as the database owner through DATABASE_URL; the Supabase API roles
-- (anon, authenticated) get nothing here, and RLS is on as a second line of defence.

create schema if not exists crm_sync;

-- One row: global sync settings.
create table if not exists crm_sync.settings (
  id boolean primary key default true check (id),
  auto_enable_new_levels boolean not null default true,
  completion_milestone_key text not null default 'level_completed'
    check (length(completion_milestone_key) between 1 and 100),
  updated_at timestamptz not null default now(),
  updated_by uuid
);
insert into crm_sync.settings (id) values (true) on conflict (id) do nothing;

-- Per-level settings; a row appears when a level table is first discovered.
create table if not exists crm_sync.level_settings (
  level text primary key check (level ~ '^[a-z][a-z0-9_]{0,30}$'),
  enabled boolean not null,
  unit_total integer check (unit_total is null or unit_total between 1 and 100000),
  discovered_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  updated_by uuid
);

create table if not exists crm_sync.staff (
  user_id uuid primary key references auth.users (id) on delete cascade,
  email text not null,
  role text not null check (role in ('viewer', 'operator', 'admin')),
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now()
);

create table if not exists crm_sync.runs (
  id bigint generated always as identity primary key,
  mode text not null check (mode in ('dry_run', 'live')),
  is_full boolean not null default false,
  trigger text not null check (trigger in ('ui', 'cli', 'cron', 'bench')),
  levels text[] not null default '{}',
  started_by uuid,
  started_by_label text not null,
  status text not null default 'running'
    check (status in ('running', 'succeeded', 'partial', 'failed', 'cancelled')),
  total_learners integer not null default 0,
  processed integer not null default 0,
  upserted integer not null default 0,
  unchanged integer not null default 0,
  failed integer not null default 0,
  invalid integer not null default 0,
  api_calls integer not null default 0,
  cursor_user_id uuid,
  options jsonb not null default '{}'::jsonb,
  message text,
  started_at timestamptz not null default now(),
  heartbeat_at timestamptz not null default now(),
  finished_at timestamptz
);
-- The database, not the app, guarantees at most one live run at a time.
create unique index if not exists runs_one_live_run on crm_sync.runs ((true))
  where status = 'running' and mode = 'live';
create index if not exists runs_started_at_idx on crm_sync.runs (started_at desc);

create table if not exists crm_sync.run_errors (
  id bigint generated always as identity primary key,
  run_id bigint not null references crm_sync.runs (id) on delete cascade,
  user_id uuid,
  email text,
  level text,
  kind text not null,
  message text not null,
  payload jsonb,
  created_at timestamptz not null default now()
);
create index if not exists run_errors_run_id_idx on crm_sync.run_errors (run_id, id);

-- What HubSpot last confirmed for each learner; written only for rows HubSpot accepted.
create table if not exists crm_sync.contact_state (
  user_id uuid primary key,
  email text not null,
  hubspot_id text,
  payload_hash text not null,
  synced_at timestamptz not null default now(),
  run_id bigint references crm_sync.runs (id) on delete set null
);

create table if not exists crm_sync.audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_id uuid,
  actor_label text not null,
  action text not null,
  target text,
  details jsonb not null default '{}'::jsonb
);
create index if not exists audit_log_at_idx on crm_sync.audit_log (at desc);

-- Learners: active Supabase Auth users with an email. Customers whose learners live elsewhere
-- replace this view; nothing else changes.
create or replace view crm_sync.learners as
  select u.id as user_id, u.email::text as email
  from auth.users u
  where u.deleted_at is null
    and (u.banned_until is null or u.banned_until <= now())
    and u.email is not null
    and btrim(u.email) <> '';

alter table crm_sync.settings enable row level security;
alter table crm_sync.level_settings enable row level security;
alter table crm_sync.staff enable row level security;
alter table crm_sync.runs enable row level security;
alter table crm_sync.run_errors enable row level security;
alter table crm_sync.contact_state enable row level security;
alter table crm_sync.audit_log enable row level security;

revoke all on schema crm_sync from public, anon, authenticated;
revoke all on all tables in schema crm_sync from public, anon, authenticated;
revoke all on all sequences in schema crm_sync from public, anon, authenticated;
alter default privileges in schema crm_sync revoke all on tables from public, anon, authenticated;
alter default privileges in schema crm_sync revoke all on sequences from public, anon, authenticated;
