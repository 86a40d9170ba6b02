-- The run lease (issue #10): every write of a run's process (heartbeat, commit, phase, close) is
-- fenced by `status = 'running'` AND this token, which the process gets when it claims the run.
-- A run taken over (marked interrupted) can then never receive a late write from the process
-- that lost it. Rows written before this migration keep NULL, which no token matches.
alter table crm_sync.runs add column if not exists lease_token uuid;
