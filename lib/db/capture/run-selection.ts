/** Which learners a run streams: everyone (a full pass) or the snapshot of changed learners. */
export type SelectionMode = "all" | "changed";

export interface RunSelection {
  mode: SelectionMode;
  /** Why this mode (shown in logs and the run's message). */
  reason: string;
  /** The first run of the chain: continuations share its snapshot and its queue claim. */
  selectionRunId: number;
  levels: string[];
}

/** For readers that stream every learner (tests, benchmark helpers). */
export const ALL_LEARNERS = null;
