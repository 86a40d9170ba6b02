/**
 * Everything the engine reads for one batch: the next learners after the cursor, their metrics
 * over the enabled levels, and the payload hashes HubSpot last confirmed for them. At most four
 * statements whatever the batch size or number of levels; all but the first run side by side.
 */
import { aggregateBatch, type LearnerMetrics, type LevelAggregationInput } from "../aggregate/aggregate-batch";
import { readLearnerPage, type LearnerRow } from "./read-learner-page";
import { loadContactHashes } from "./load-contact-hashes";
import type { Queryable } from "../queryable";

export interface BatchInputs {
  learners: LearnerRow[];
  metrics: Map<string, LearnerMetrics>;
  /** Empty when the run sends everything anyway (full). */
  hashes: Map<string, string>;
}

export async function readBatchInputs(
  db: Queryable,
  input: { levels: readonly LevelAggregationInput[]; completionMilestoneKey: string; cursor: string | null; size: number; isFull: boolean },
): Promise<BatchInputs> {
  const learners = await readLearnerPage(db, input.cursor, input.size);
  const ids = learners.map((learner) => learner.userId);
  const [metrics, hashes] = await Promise.all([
    aggregateBatch(db, input.levels, ids, input.completionMilestoneKey),
    input.isFull ? new Map<string, string>() : loadContactHashes(db, ids),
  ]);
  return { learners, metrics, hashes };
}
