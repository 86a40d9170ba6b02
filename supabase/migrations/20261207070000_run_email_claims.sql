-- Flat memory for a run of any size (issue #11, item 4): which learner a normalised email was sent
-- for in this run, kept in the database instead of a map in the process that grew with every
-- learner written. The sync sends one learner per email: a learner whose email an earlier learner
-- of the same run already claimed is reported as duplicate_email (lib/sync/plan/run-email-claims.ts).
--
-- Rows live only while their run runs: a run deletes its rows when it ends, and the next run deletes
-- those of runs that ended without doing so. Unlogged: the rows are scratch state of a running
-- process, not worth write-ahead log; a database crash empties the table, and the run it belonged to
-- fails on the lost connection anyway (its continuation starts over with an empty claim list, as a
-- resumed run always has). Idempotent.
create unlogged table if not exists crm_sync.run_email_claims (
  run_id bigint not null references crm_sync.runs (id) on delete cascade,
  email text not null,
  user_id uuid not null,
  primary key (run_id, email)
);

-- A stored preview's summary as its document states it: a run that re-read only the changed
-- learners counts the others as unchanged, which the run's own counters (learners read) do not.
-- Null for previews stored before: their summary is read from the run's counters as before.
alter table crm_sync.preview_plans add column if not exists summary jsonb;

alter table crm_sync.run_email_claims enable row level security;
revoke all on crm_sync.run_email_claims from public, anon, authenticated;
