-- Staff accounts are not learners. The view used to list every confirmed-or-not auth user, so the
-- school's own staff (admin@, operator@…) became HubSpot contacts with empty progress. A staff
-- member who also studies uses a separate learner account; the staff table is the app's own
-- (crm_sync.staff), so the rule needs nothing from the customer.
--
-- As in 20261201140000: only the definition this app shipped is upgraded; a customer's own view is
-- left alone with a notice. Idempotent.

do $migration$
declare
  current_definition text;
  shipped_definition text;
  upgraded_definition text;
begin
  create temporary view crm_sync_learners_shipped_v2 as
    select u.id as user_id, u.email::text as email
    from auth.users u
    where u.deleted_at is null
      and (u.banned_until is null or u.banned_until <= now());
  create temporary view crm_sync_learners_v3 as
    select u.id as user_id, u.email::text as email
    from auth.users u
    where u.deleted_at is null
      and (u.banned_until is null or u.banned_until <= now())
      and not exists (select 1 from crm_sync.staff s where s.user_id = u.id);
  shipped_definition := pg_get_viewdef('pg_temp.crm_sync_learners_shipped_v2'::regclass);
  upgraded_definition := pg_get_viewdef('pg_temp.crm_sync_learners_v3'::regclass);
  drop view pg_temp.crm_sync_learners_shipped_v2;
  drop view pg_temp.crm_sync_learners_v3;
  current_definition := case when to_regclass('crm_sync.learners') is null then null else pg_get_viewdef('crm_sync.learners'::regclass) end;

  if current_definition is null or current_definition = shipped_definition then
    create or replace view crm_sync.learners as
      select u.id as user_id, u.email::text as email
      from auth.users u
      where u.deleted_at is null
        and (u.banned_until is null or u.banned_until <= now())
        and not exists (select 1 from crm_sync.staff s where s.user_id = u.id);
  elsif current_definition <> upgraded_definition then
    raise notice 'crm_sync.learners has a custom definition and was left as is. Leave staff accounts (crm_sync.staff) out of it, or they are synced to HubSpot as contacts.';
  end if;
end
$migration$;

revoke all on crm_sync.learners from public, anon, authenticated;
