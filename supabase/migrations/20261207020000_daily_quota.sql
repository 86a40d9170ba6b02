-- HubSpot's daily API quota (docs/ARCHITECTURE.md, "Daily quota").
--
-- HubSpot limits each account to a number of API requests per day (crm_sync.settings.
-- daily_request_quota), counted per calendar day in the account's time zone and reset at its
-- midnight. A sync larger than what is left of the day sends what fits and pauses until then:
-- - hubspot_daily_usage counts the app's own calls per account day (written with each commit of a
--   run, in the same statement), so a run knows what is left before HubSpot refuses;
-- - runs record why a run stopped early and, for a quota pause, when it may continue; no live run
--   starts (cron, Sync now, CLI) before that instant;
-- - settings cache the account's time zone (GET /account-info/v3/details, refreshed daily).
--
-- Idempotent: every statement can run again.

create table if not exists crm_sync.hubspot_daily_usage (
  -- The account's calendar day (in time_zone) the calls were made on.
  day date primary key,
  time_zone text not null,
  calls bigint not null default 0 check (calls >= 0),
  updated_at timestamptz not null default now()
);

alter table crm_sync.runs add column if not exists stop_reason text;
alter table crm_sync.runs add column if not exists resume_after timestamptz;
alter table crm_sync.runs add column if not exists resume_time_zone text;
do $$
begin
  if not exists (select 1 from pg_constraint where conname = 'runs_stop_reason_check' and conrelid = 'crm_sync.runs'::regclass) then
    alter table crm_sync.runs add constraint runs_stop_reason_check
      check (stop_reason is null or stop_reason in ('end', 'limit', 'time_budget', 'aborted', 'daily_quota'));
  end if;
end
$$;

alter table crm_sync.settings add column if not exists account_time_zone text;
alter table crm_sync.settings add column if not exists account_time_zone_read_at timestamptz;

alter table crm_sync.hubspot_daily_usage enable row level security;
revoke all on crm_sync.hubspot_daily_usage from public, anon, authenticated;
