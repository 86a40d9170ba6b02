/** Which learners a run streams: everyone (a full pass) or the snapshot of changed learners. */
export type SelectionMode = "all" | "changed";

/**
 * How a chain found the learners who joined, left or changed email (lib/db/capture/learner-capture.ts):
 * `capture` from the queue, `compare` by comparing the whole learners view (and rebuilding the
 * learner index), null when learner capture plays no part (no triggers, a dry run or a level subset
 * before capture is trusted).
 */
export type LearnerSource = "capture" | "compare";

export interface RunSelection {
  mode: SelectionMode;
  /** Why this mode (shown in logs and the run's message). */
  reason: string;
  /** The first run of the chain: continuations share its snapshot and its queue claim. */
  selectionRunId: number;
  levels: string[];
  learnerSource: LearnerSource | null;
  /** Learners in scope, from the maintained learner index (null: count them). */
  learnerCount: number | null;
  /**
   * Learners who left since the last complete pass that cleared removed learners are all in the
   * selection (learner capture queued them), so the removed-learners step looks only there.
   */
  hasRemovedInSelection: boolean;
}

/** For readers that stream every learner (tests, benchmark helpers). */
export const ALL_LEARNERS = null;
