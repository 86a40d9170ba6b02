-- Learners without an email (NULL, empty or whitespace only: phone sign-ups, imported accounts)
-- stay in crm_sync.learners. The first version of the view filtered them out, so the sync never
-- saw them and nobody was told; now the engine reports each one as `missing_email` (never sent to
-- HubSpot, which keys contacts by email) and counts it as not sendable. Deleted and banned users
-- are still excluded.
--
-- A customer may have replaced the view with their own (the README: "replace the view if your
-- learners live elsewhere"). Only the view this app shipped is upgraded; a replaced one is left
-- alone, with a notice. The comparison is on Postgres' own deparsed definitions, so formatting and
-- casts in the original file do not matter. Idempotent: on a second run the view already has the
-- new definition and nothing changes.

do $migration$
declare
  current_definition text;
  shipped_definition text;
  upgraded_definition text;
begin
  -- The definition of 20261201000000_crm_sync_schema.sql, column for column, and the new one.
  create temporary view crm_sync_learners_shipped_v1 as
    select u.id as user_id, u.email::text as email
    from auth.users u
    where u.deleted_at is null
      and (u.banned_until is null or u.banned_until <= now())
      and u.email is not null
      and btrim(u.email) <> '';
  create temporary view crm_sync_learners_v2 as
    select u.id as user_id, u.email::text as email
    from auth.users u
    where u.deleted_at is null
      and (u.banned_until is null or u.banned_until <= now());
  shipped_definition := pg_get_viewdef('pg_temp.crm_sync_learners_shipped_v1'::regclass);
  upgraded_definition := pg_get_viewdef('pg_temp.crm_sync_learners_v2'::regclass);
  drop view pg_temp.crm_sync_learners_shipped_v1;
  drop view pg_temp.crm_sync_learners_v2;
  current_definition := case when to_regclass('crm_sync.learners') is null then null else pg_get_viewdef('crm_sync.learners'::regclass) end;

  if current_definition is null or current_definition = shipped_definition then
    -- Same columns in the same order (user_id uuid, email text), so `create or replace` keeps the
    -- view's owner and privileges; only the filter changes.
    create or replace view crm_sync.learners as
      select u.id as user_id, u.email::text as email
      from auth.users u
      where u.deleted_at is null
        and (u.banned_until is null or u.banned_until <= now());
  elsif current_definition <> upgraded_definition then
    raise notice 'crm_sync.learners has a custom definition and was left as is. Keep learners without an email in it (email NULL or blank) so the sync reports them instead of never seeing them.';
  end if;
end
$migration$;

-- Whatever the path above, the API roles still get nothing here.
revoke all on crm_sync.learners from public, anon, authenticated;
