-- Bounded bookkeeping (issue #10): stored previews, one running preview, data issues kept once per
-- learner, a retention marker on runs, and the alert marker. Idempotent: every statement can run again.

-- Data issues that repeat on every run for the same learner (missing, invalid or duplicate email):
-- one row per learner and kind, the current state. A run records the issue in run_errors only when
-- this row is created or its text changes; a learner whose issue is gone loses the row.
create table if not exists crm_sync.learner_issues (
  user_id uuid not null,
  kind text not null check (kind in ('missing_email', 'invalid_email', 'duplicate_email')),
  email text,
  message text not null,
  first_seen_run_id bigint references crm_sync.runs (id) on delete set null,
  changed_run_id bigint references crm_sync.runs (id) on delete set null,
  first_seen_at timestamptz not null default now(),
  changed_at timestamptz not null default now(),
  primary key (user_id, kind)
);

-- A preview's plan lives in the database and is paged to the browser (batch N of M), never sent whole.
create table if not exists crm_sync.preview_plans (
  run_id bigint primary key references crm_sync.runs (id) on delete cascade,
  property_plan jsonb not null,
  batch_count integer not null,
  created_at timestamptz not null default now()
);
create table if not exists crm_sync.preview_batches (
  run_id bigint not null references crm_sync.runs (id) on delete cascade,
  seq integer not null check (seq >= 1),
  -- json, not jsonb: the stored text is byte for byte the body a live run would POST (jsonb would
  -- reorder the keys).
  body json not null,
  primary key (run_id, seq)
);

-- At most one dry run at a time: a preview started while another runs joins it. Older rows that
-- would break the index (dry runs left running by a version without it) are closed first.
update crm_sync.runs set status = 'failed', finished_at = coalesce(finished_at, now()), phase = 'done',
  message = concat_ws(' ', message, 'Closed when previews became one at a time.')
where mode = 'dry_run' and status = 'running'
  and id <> (select max(id) from crm_sync.runs where mode = 'dry_run' and status = 'running');
create unique index if not exists runs_one_dry_run on crm_sync.runs ((true))
  where status = 'running' and mode = 'dry_run';

-- Retention: set when a finished run's details (run_errors, stored plan) were deleted, so each
-- pruning pass only looks at runs not pruned yet.
alter table crm_sync.runs add column if not exists details_pruned_at timestamptz;
create index if not exists runs_details_unpruned_idx on crm_sync.runs (mode, id) where details_pruned_at is null;
-- "The newest N runs of a mode" without reading the others.
create index if not exists runs_mode_id_idx on crm_sync.runs (mode, id desc);

-- Alerts: set once a finished live run was found alert-worthy (failed, or too many rejected rows);
-- the one statement that sets it also decides who posts the webhook, so each run alerts once.
alter table crm_sync.runs add column if not exists alerted_at timestamptz;
create index if not exists runs_alerted_idx on crm_sync.runs (id desc) where alerted_at is not null;

alter table crm_sync.learner_issues enable row level security;
alter table crm_sync.preview_plans enable row level security;
alter table crm_sync.preview_batches enable row level security;
revoke all on crm_sync.learner_issues, crm_sync.preview_plans, crm_sync.preview_batches from public, anon, authenticated;
