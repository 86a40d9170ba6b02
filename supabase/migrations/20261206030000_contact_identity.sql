-- Contact identity (see docs/ARCHITECTURE.md, "Identity"). Idempotent: every statement can run twice.
--
-- 1. contact_state keeps what HubSpot last confirmed for a learner: the contact id it returned
--    (after a merge, the survivor's), the email the values were written under, and now the payload
--    itself (the properties, as JSON) so a verify can compare HubSpot with it and removed learners
--    can be cleared property by property. `resend_requested_at` marks a learner to be sent on the
--    next run even when nothing changed (set by a verify that found a difference, or by hand).
alter table crm_sync.contact_state add column if not exists payload jsonb;
alter table crm_sync.contact_state add column if not exists resend_requested_at timestamptz;
alter table crm_sync.contact_state add column if not exists resend_reason text;
create index if not exists contact_state_hubspot_id_idx on crm_sync.contact_state (hubspot_id);

-- 2. What happens to a learner who leaves crm_sync.learners (deleted, banned): `keep` leaves the
--    contact as it is; `clear` sets every synced property to "" once, by id, then forgets the learner.
alter table crm_sync.settings add column if not exists removed_learners text not null default 'keep';
do $migration$
begin
  if not exists (
    select 1 from pg_constraint where conname = 'settings_removed_learners_check' and conrelid = 'crm_sync.settings'::regclass
  ) then
    alter table crm_sync.settings add constraint settings_removed_learners_check check (removed_learners in ('keep', 'clear'));
  end if;
end
$migration$;

-- 3. A verify (read HubSpot back and compare) is recorded as a run of its own mode; its
--    differences are its run_errors rows. Only live runs are limited to one at a time.
alter table crm_sync.runs drop constraint if exists runs_mode_check;
alter table crm_sync.runs add constraint runs_mode_check check (mode in ('dry_run', 'live', 'verify'));

-- 4. One email normalisation for SQL and TypeScript: strip leading and trailing whitespace as
--    JavaScript's String.prototype.trim() does (spaces, tabs, line breaks, no-break spaces, the
--    Unicode space separators, BOM; btrim strips spaces only), then lower-case as JavaScript's
--    toLowerCase() does. lower() follows the database's ctype (under "C" it leaves Ä alone), so the
--    ICU root collation is used where the server has ICU (Supabase does); without ICU, plain lower()
--    and a notice. lib/sync/plan/normalize-email.ts is the TypeScript half; a test checks both
--    agree character by character.
do $migration$
declare
  trim_class constant text := '[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]';
  lowered text := 'lower(%s collate "und-x-icu")';
begin
  if not exists (select 1 from pg_collation where collname = 'und-x-icu') then
    lowered := 'lower(%s)';
    raise notice 'No ICU collation "und-x-icu": crm_sync.normalize_email lower-cases by the database ctype; non-ASCII emails may normalise differently from the app.';
  end if;
  execute format(
    $sql$create or replace function crm_sync.normalize_email(email text) returns text
      language sql immutable strict parallel safe
      as $function$ select %s $function$$sql$,
    format(lowered, format('regexp_replace(email, %L, %L, %L)', '^' || trim_class || '+|' || trim_class || '+$', '', 'g'))
  );
end
$migration$;
revoke all on function crm_sync.normalize_email(text) from public, anon, authenticated;
