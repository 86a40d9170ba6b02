/**
 * Decides at a run's start which learners it streams, and snapshots them.
 * - A continuation (resumed run) keeps its chain's selection, so the cursor stays meaningful.
 * - A full pass ("all") when asked (`--full`, a level subset), when a level cannot be captured
 *   (no TRIGGER privilege: full_scan), when a level's facts were never built since capture was
 *   installed, when the settings that shape payloads changed since the last completed pass, or
 *   when the last full pass is older than `full_reconcile_days` (periodic reconciliation).
 * - Otherwise "changed": the learners in the change queue and those marked for a resend. Who joined,
 *   left or changed email comes from learner capture (learner-capture.ts) once it is trusted;
 *   before that, and without it, from comparing the whole learners view with what HubSpot last
 *   confirmed (new sign-ups, email changes, earlier failures). With capture trusted the selection
 *   also takes in every learner sharing an email with a selected one (learner-index.ts).
 * A live run claims the queue entries visible now (`claimed_by`); entries committed later stay
 * unclaimed for the next run, and only the claimed ones are deleted when this chain completes.
 */
import { z } from "zod";
import type { Database, Queryable } from "../queryable";
import type { LevelPlan } from "../levels/plan-levels";
import { ensureCapture, type LevelCaptureState } from "./ensure-capture";
import { ensureLearnerCapture, type LearnerCaptureState } from "./learner-capture";
import { refreshLearnerIndex } from "./learner-index";
import type { LearnerSource, RunSelection, SelectionMode } from "./run-selection";
import { isSyncedLearnerSql, type LearnerLevels } from "../learners/synced-learner-sql";

export interface SelectionRun {
  id: number;
  mode: "dry_run" | "live";
  isFull: boolean;
  levels: readonly string[];
  resumedFromRunId: number | null;
}

const previousSchema = z.object({
  selection_run_id: z.coerce.number().int(),
  mode: z.enum(["all", "changed"]),
  reason: z.string(),
  levels: z.array(z.string()),
  learner_source: z.enum(["capture", "compare"]).nullable(),
  learner_count: z.coerce.number().int().nullable(),
  removed_policy: z.string().nullable(),
});
const lastPassSchema = z.object({
  config_key: z.string().nullable(),
  last_full_at: z.date().nullable(),
  reconcile_days: z.number().int(),
});

/** What payloads depend on besides the source rows: a change forces a full pass. */
export function selectionConfigKey(plan: LevelPlan): string {
  return JSON.stringify({
    levels: plan.aggregation.map((input) => [input.source.level, input.unitTotal]),
    key: plan.settings.completionMilestoneKey,
  });
}

async function readLastPasses(db: Queryable) {
  const { rows } = await db.query(
    `with live as (select s.* from crm_sync.run_selection s join crm_sync.runs r on r.id = s.run_id where r.mode = 'live' and s.completed_at is not null)
     select (select config_key from live order by completed_at desc limit 1) as config_key,
            (select max(started_at) from live where mode = 'all') as last_full_at,
            (select full_reconcile_days from crm_sync.settings where id) as reconcile_days`,
  );
  return lastPassSchema.parse(rows[0]);
}

function fullPassReason(
  run: SelectionRun,
  plan: LevelPlan,
  states: Map<string, LevelCaptureState>,
  last: z.infer<typeof lastPassSchema>,
  now: Date,
): string | null {
  if (run.isFull) return "full run requested";
  if (run.levels.length !== plan.enabledLevels.length) return "a subset of the levels was requested";
  for (const level of run.levels) {
    const state = states.get(level);
    if (!state || state.mode !== "triggers")
      return `level ${level} is not captured (${state?.reason ?? "no capture state"})`;
    if (!state.factsBuiltAt || state.factsMilestoneKey !== plan.settings.completionMilestoneKey)
      return `facts of level ${level} are not built yet`;
  }
  if (last.config_key !== selectionConfigKey(plan)) return "level settings changed since the last completed pass";
  if (!last.last_full_at || now.getTime() - last.last_full_at.getTime() > last.reconcile_days * 86_400_000)
    return "periodic full reconciliation is due";
  return null;
}

/**
 * The learners a "changed" chain streams. `isComparingAll`: also every learner HubSpot has no
 * confirmed state for or whose email differs from it, found by reading the whole view; otherwise
 * learner capture has queued those.
 */
async function snapshotChanged(
  db: Queryable,
  selectionRunId: number,
  claim: boolean,
  isComparingAll: boolean,
  levels: LearnerLevels,
): Promise<void> {
  const queued = claim
    ? "select user_id from crm_sync.change_queue where claimed_by = $1::bigint"
    : "select user_id from crm_sync.change_queue where $1::bigint is not null";
  const others = isComparingAll
    ? `select l.user_id from crm_sync.learners l left join crm_sync.contact_state c on c.user_id = l.user_id
       where c.user_id is null or c.email is distinct from crm_sync.normalize_email(l.email) or c.resend_requested_at is not null`
    : "select user_id from crm_sync.contact_state where resend_requested_at is not null";
  await db.query(
    `insert into crm_sync.run_learners (selection_run_id, user_id)
     select $1::bigint, user_id from (${queued}) q
     union
     select $1::bigint, user_id from (${others}) o
     on conflict do nothing`,
    [selectionRunId],
  );
  // Users the sync no longer treats as learners (they left the view, or a staff account's last
  // progress row went) are never streamed, so nothing rewrites their facts: they go now.
  await db.query(
    `delete from crm_sync.learner_facts f using (${queued}) q
     where f.user_id = q.user_id
       and not exists (select 1 from crm_sync.learners l where l.user_id = q.user_id and ${isSyncedLearnerSql("l.user_id", levels)})`,
    [selectionRunId],
  );
}

/**
 * How this chain learns who joined, left or changed email (see LearnerSource). A live chain over
 * every level that cannot use capture yet compares in full, and the learner index is rebuilt beside
 * it (RunExecution), so that its completion can make capture trusted.
 */
function chooseLearnerSource(
  capture: LearnerCaptureState,
  mode: SelectionMode,
  claimsQueue: boolean,
): LearnerSource | null {
  if (capture.mode !== "triggers") return null;
  if (mode === "changed" && capture.trustedSince !== null) return "capture";
  return claimsQueue ? "compare" : null;
}

/** A ban that has ended since puts the learner back in the view: queue them (the trigger recorded when). */
async function queueEndedBans(db: Queryable): Promise<void> {
  await db.query(
    `with due as (delete from crm_sync.learner_rechecks where due_at <= now() returning user_id)
     insert into crm_sync.change_queue (user_id, level) select distinct user_id, '@learners' from due`,
  );
}

export async function prepareRunSelection(
  db: Database,
  run: SelectionRun,
  plan: LevelPlan,
  now = new Date(),
): Promise<RunSelection> {
  if (run.resumedFromRunId !== null) {
    const { rows } = await db.query(
      `select s.selection_run_id, s.mode, s.reason, s.levels, s.learner_source, c.learner_count, c.removed_policy
       from crm_sync.run_selection s left join crm_sync.learner_capture c on c.id where s.run_id = $1`,
      [run.resumedFromRunId],
    );
    if (rows[0]) {
      const previous = previousSchema.parse(rows[0]);
      await db.query(
        `insert into crm_sync.run_selection (run_id, selection_run_id, mode, reason, levels, config_key, learner_source)
         select $1, selection_run_id, mode, reason, levels, config_key, learner_source from crm_sync.run_selection where run_id = $2`,
        [run.id, run.resumedFromRunId],
      );
      return {
        mode: previous.mode,
        reason: previous.reason,
        selectionRunId: previous.selection_run_id,
        levels: previous.levels,
        learnerSource: previous.learner_source,
        learnerCount: previous.learner_source ? previous.learner_count : null,
        hasRemovedInSelection: previous.learner_source === "capture" && previous.removed_policy === "clear",
      };
    }
  }
  const states = await ensureCapture(db, plan);
  const learnerCapture = await ensureLearnerCapture(db);
  const reason = fullPassReason(run, plan, states, await readLastPasses(db), now);
  const mode: SelectionMode = reason === null ? "changed" : "all";
  // Only a live run over every enabled level may consume the queue: a level subset re-aggregates
  // only some levels, so the changes it claimed in the others would be lost.
  const isLive = run.mode === "live" && plan.enabledLevels.every((level) => run.levels.includes(level));
  const learnerSource = chooseLearnerSource(learnerCapture, mode, isLive);
  if (learnerCapture.mode === "triggers") await queueEndedBans(db);
  // A new live chain supersedes every earlier one: it takes over their unfinished claims too.
  if (isLive)
    await db.query("update crm_sync.change_queue set claimed_by = $1 where claimed_by is distinct from $1", [run.id]);
  await db.query(
    `insert into crm_sync.run_selection (run_id, selection_run_id, mode, reason, levels, config_key, learner_source)
     values ($1, $1, $2, $3, $4, $5, $6)`,
    [run.id, mode, reason ?? "changed learners only", [...run.levels], selectionConfigKey(plan), learnerSource],
  );
  let learnerCount: number | null = null;
  if (mode === "changed") await snapshotChanged(db, run.id, isLive, learnerSource !== "capture", plan.aggregation);
  if (mode === "changed" && learnerSource === "capture")
    learnerCount = await refreshLearnerIndex(db, run.id, plan.aggregation);
  return {
    mode,
    reason: reason ?? "changed learners only",
    selectionRunId: run.id,
    levels: [...run.levels],
    learnerSource,
    learnerCount,
    hasRemovedInSelection: learnerSource === "capture" && learnerCapture.removedPolicy === "clear",
  };
}
