/**
 * Closes a run's selection when its chain has streamed every selected learner (stop "end"):
 * - a live chain deletes the queue entries it claimed and queues again every learner who failed (run
 *   errors other than data warnings), whether the queue or the comparison selected them: the next
 *   run picks them up, also once learner capture stopped comparing every learner;
 * - a live chain records the removed_learners setting its removed-learners step applied;
 * - a live chain over every level that compared every learner (learner source `compare`, learner
 *   index rebuilt since its start) makes learner capture trusted as of its start, when the triggers
 *   predate it (learner-capture.ts);
 * - a full pass ("all") over every enabled level marks each captured level's facts as built, as
 *   of the pass's start (its triggers must predate it), and drops the facts of everyone it did not
 *   stream: learners who left, staff accounts without progress (synced-learner-sql.ts);
 * - the snapshot of learners is dropped.
 * A chain that stopped early (time budget, limit, failure) keeps everything for its continuation.
 */
import { isSyncedLearnerSql, type LearnerLevels } from "../learners/synced-learner-sql";
import { inTransaction, type Database } from "../queryable";
import type { RunSelection } from "./run-selection";

export interface CompleteSelectionInput {
  runId: number;
  mode: "dry_run" | "live";
  selection: RunSelection;
  /** True when the stream reached the end of the selection. */
  isComplete: boolean;
  completionMilestoneKey: string;
  /** The enabled levels' tables (`plan.aggregation`). */
  enabledLevels: LearnerLevels;
  /** The removed_learners setting the run's removed-learners step applied (null: it did not run). */
  removedPolicy: string | null;
}

export async function completeRunSelection(db: Database, input: CompleteSelectionInput): Promise<void> {
  const { selection } = input;
  if (!input.isComplete) {
    if (input.mode === "dry_run")
      await db.query("delete from crm_sync.run_learners where selection_run_id = $1", [selection.selectionRunId]);
    return;
  }
  await inTransaction(db, async (client) => {
    // A live pass that applied removed_learners = clear leaves no removed learner behind but those
    // it queued again: from then on a run only looks among its selection (RunSelection.hasRemovedInSelection).
    await client.query(
      `with done as (update crm_sync.run_selection set completed_at = now() where run_id = $1 returning 1)
       update crm_sync.learner_capture set removed_policy = $2, updated_at = now()
       where id and $2::text is not null and removed_policy is distinct from $2::text and exists (select 1 from done)`,
      [input.runId, input.mode === "live" ? input.removedPolicy : null],
    );
    if (input.mode === "live") {
      await client.query("delete from crm_sync.change_queue where claimed_by = $1", [selection.selectionRunId]);
      await client.query(
        `insert into crm_sync.change_queue (user_id, level)
         select distinct e.user_id, '@retry' from crm_sync.run_errors e join crm_sync.run_selection s on s.run_id = e.run_id
         where s.selection_run_id = $1 and e.user_id is not null and e.kind <> 'data_warning'`,
        [selection.selectionRunId],
      );
      if (selection.learnerSource === "compare")
        await client.query(
          `update crm_sync.learner_capture c set trusted_since = s.started_at, updated_at = now()
           from crm_sync.run_selection s
           where c.id and s.run_id = $1 and c.mode = 'triggers' and c.installed_at <= s.started_at
             and c.index_built_at >= s.started_at`,
          [selection.selectionRunId],
        );
    }
    const coversAll = input.enabledLevels.every(({ source }) => selection.levels.includes(source.level));
    if (selection.mode === "all" && coversAll) {
      await client.query(
        `update crm_sync.level_capture c set facts_built_at = s.started_at, facts_milestone_key = $3, updated_at = now()
         from crm_sync.run_selection s
         where s.run_id = $1 and c.level = any($2::text[]) and c.mode = 'triggers' and c.installed_at <= s.started_at`,
        [selection.selectionRunId, selection.levels, input.completionMilestoneKey],
      );
      await client.query(
        `delete from crm_sync.learner_facts f where f.level = any($1::text[])
         and not exists (select 1 from crm_sync.learners l
                         where l.user_id = f.user_id and ${isSyncedLearnerSql("l.user_id", input.enabledLevels)})`,
        [selection.levels],
      );
    }
    await client.query("delete from crm_sync.run_learners where selection_run_id = $1", [selection.selectionRunId]);
  });
}
