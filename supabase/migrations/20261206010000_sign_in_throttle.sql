-- Sign-in throttle (app/login/sign-in-throttle.ts): one row per sign-in attempt the app passed on
-- to Supabase Auth and that failed on the credentials (the row is written before the call and
-- removed again when the attempt succeeds or fails for another reason). Kept in Postgres so every
-- serverless instance sees the same counts. Keys are SHA-256 hashes: what someone typed as an
-- email (sometimes a password) and client IPs are never stored in clear.
-- Idempotent: safe to run again.

create table if not exists crm_sync.sign_in_attempts (
  id           bigint generated always as identity primary key,
  account_key  text        not null,
  ip_key       text        not null,
  attempted_at timestamptz not null default now()
);

create index if not exists sign_in_attempts_account_idx on crm_sync.sign_in_attempts (account_key, attempted_at);
create index if not exists sign_in_attempts_ip_idx on crm_sync.sign_in_attempts (ip_key, attempted_at);
create index if not exists sign_in_attempts_attempted_at_idx on crm_sync.sign_in_attempts (attempted_at);

comment on table crm_sync.sign_in_attempts is
  'Failed (and in-flight) sign-in attempts per hashed account and hashed client IP, for the sign-in throttle; rows older than the window are purged on write.';

-- Server-side only: the app reaches it as the database owner; the Data API roles get nothing.
alter table crm_sync.sign_in_attempts enable row level security;
revoke all on crm_sync.sign_in_attempts from public, anon, authenticated;
revoke all on sequence crm_sync.sign_in_attempts_id_seq from public, anon, authenticated;
