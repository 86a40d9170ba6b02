-- The learner lookup lists one learner's run errors and warnings, newest first, a page at a time
-- (lib/learners/list-learner-history.ts). Without this index that is a scan of every run's rows.
-- Idempotent.
create index if not exists run_errors_user_id_idx on crm_sync.run_errors (user_id, id desc) where user_id is not null;
