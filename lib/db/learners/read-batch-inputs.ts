/**
 * Everything the engine reads for one batch: the next learners after the cursor (within the run's
 * selection: everyone, or the snapshot of changed learners, lib/db/capture), their metrics
 * over the enabled levels, and what HubSpot last confirmed for them (hash, email, contact id). At most four
 * statements whatever the batch size or number of levels; all but the first run side by side,
 * plus one that keeps crm_sync.learner_facts (the dashboard's source) current from the same metrics.
 */
import { aggregateBatch, type LearnerMetrics, type LevelAggregationInput } from "../aggregate/aggregate-batch";
import { readLearnerPage, type LearnerRow } from "./read-learner-page";
import { loadContactStates, type ContactState } from "./load-contact-states";
import type { Queryable } from "../queryable";
import type { RunSelection } from "../capture/run-selection";
import { writeLearnerFacts } from "../facts/write-learner-facts";

export interface BatchInputs {
  learners: LearnerRow[];
  metrics: Map<string, LearnerMetrics>;
  /** Read in full runs too: an email change is sent by the recorded contact id either way. */
  states: Map<string, ContactState>;
}

export async function readBatchInputs(
  db: Queryable,
  input: {
    levels: readonly LevelAggregationInput[];
    completionMilestoneKey: string;
    cursor: string | null;
    size: number;
    isFull: boolean;
    selection?: RunSelection | null;
  },
): Promise<BatchInputs> {
  const learners = await readLearnerPage(db, input.levels, input.cursor, input.size, input.selection);
  const ids = learners.map((learner) => learner.userId);
  const aggregateAndKeepFacts = async () => {
    const aggregated = await aggregateBatch(db, input.levels, ids, input.completionMilestoneKey);
    await writeLearnerFacts(db, {
      levels: input.levels.map((level) => level.source.level),
      userIds: ids,
      metrics: aggregated,
    });
    return aggregated;
  };
  const [metrics, states] = await Promise.all([aggregateAndKeepFacts(), loadContactStates(db, ids)]);
  return { learners, metrics, states };
}
