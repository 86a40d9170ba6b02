/**
 * Retention of run details (docs/ARCHITECTURE.md, "Retention"). Run rows themselves are small and
 * kept; what grows with every run is their detail, and that is deleted here:
 * - previews (dry runs): the stored plan (preview_plans, preview_batches) and the issues of all but
 *   the newest KEPT_PREVIEWS previews;
 * - live runs: run_errors of runs older than the newest KEPT_LIVE_RUNS live runs or finished more
 *   than LIVE_ERRORS_MAX_AGE_DAYS days ago;
 * - crm_sync.learner_issues of learners no longer in crm_sync.learners (deleted or banned).
 * Each pass handles at most PRUNE_RUNS_PER_PASS runs and only runs not pruned yet (marked with
 * details_pruned_at), so its cost does not grow with the history. Called before every run.
 */
import type { Queryable } from "@/lib/db/queryable";

export const KEPT_PREVIEWS = 5;
export const KEPT_LIVE_RUNS = 200;
export const LIVE_ERRORS_MAX_AGE_DAYS = 30;
const PRUNE_RUNS_PER_PASS = 20;

export interface PruneResult {
  prunedRuns: number;
  removedLearnerIssues: number;
}

export async function pruneRunDetails(db: Queryable): Promise<PruneResult> {
  const pruned = await db.query(
    `with doomed as (
       select r.id from crm_sync.runs r
       where r.details_pruned_at is null and r.status <> 'running' and (
         (r.mode = 'dry_run' and r.id <= (select id from crm_sync.runs where mode = 'dry_run' order by id desc offset $1 limit 1))
         or (r.mode = 'live' and (r.id <= (select id from crm_sync.runs where mode = 'live' order by id desc offset $2 limit 1)
                                  or r.finished_at < now() - make_interval(days => $3)))
       )
       order by r.id limit $4
     ), errors as (
       -- Data-modifying CTEs always run to completion, referenced or not.
       delete from crm_sync.run_errors where run_id in (select id from doomed)
     ), batches as (
       delete from crm_sync.preview_batches where run_id in (select id from doomed)
     ), plans as (
       delete from crm_sync.preview_plans where run_id in (select id from doomed)
     )
     update crm_sync.runs set details_pruned_at = now() where id in (select id from doomed)
     returning id`,
    [KEPT_PREVIEWS, KEPT_LIVE_RUNS, LIVE_ERRORS_MAX_AGE_DAYS, PRUNE_RUNS_PER_PASS],
  );
  const gone = await db.query(
    `delete from crm_sync.learner_issues li
     where not exists (select 1 from crm_sync.learners l where l.user_id = li.user_id)`,
  );
  return { prunedRuns: pruned.rowCount ?? 0, removedLearnerIssues: gone.rowCount ?? 0 };
}
