/**
 * Duplicate emails across the WHOLE run (not just a batch): HubSpot keys contacts by email, so two
 * learners sharing one would overwrite each other. A pre-pass finds the groups (one statement),
 * aggregates only their members, and picks one deterministic winner per group: the most recent
 * activity in an enabled level, ties (and no activity at all) going to the smallest user_id.
 * Losers are never sent and are reported as `duplicate_email`. A run that selected only changed
 * learners with learner capture trusted looks only at the groups of its selection (the selection
 * already holds every member of those groups: lib/db/capture/learner-index.ts).
 */
import { aggregateBatch, type LevelAggregationInput } from "@/lib/db/aggregate/aggregate-batch";
import type { RunSelection } from "@/lib/db/capture/run-selection";
import { findEmailDuplicates } from "@/lib/db/learners/find-email-duplicates";
import { findSelectedEmailDuplicates } from "@/lib/db/learners/find-selected-email-duplicates";
import type { Queryable } from "@/lib/db/queryable";
import { emailProblem } from "./normalize-email";

export interface DuplicateLoser {
  email: string;
  winnerUserId: string;
}

const CHUNK = 1000;

export async function resolveEmailDuplicates(
  db: Queryable,
  levels: readonly LevelAggregationInput[],
  completionMilestoneKey: string,
  selection: RunSelection | null = null,
): Promise<Map<string, DuplicateLoser>> {
  const found =
    selection?.mode === "changed" && selection.learnerSource === "capture"
      ? await findSelectedEmailDuplicates(db, selection.selectionRunId)
      : await findEmailDuplicates(db, levels);
  const groups = [...found.entries()].filter(([email]) => emailProblem(email) === null);
  const members = groups.flatMap(([, userIds]) => userIds);
  const lastActivity = new Map<string, number>();
  for (let start = 0; start < members.length; start += CHUNK) {
    const metrics = await aggregateBatch(db, levels, members.slice(start, start + CHUNK), completionMilestoneKey);
    for (const [userId, learner] of metrics) {
      const times = [...learner.levels.values()].flatMap((level) =>
        level.lastActivityAt ? [level.lastActivityAt.getTime()] : [],
      );
      if (times.length > 0) lastActivity.set(userId, Math.max(...times));
    }
  }
  const losers = new Map<string, DuplicateLoser>();
  for (const [email, userIds] of groups) {
    // userIds arrive sorted by uuid, so the first maximum found is the smallest user_id among equals.
    const winner = userIds.reduce((best, userId) =>
      (lastActivity.get(userId) ?? -Infinity) > (lastActivity.get(best) ?? -Infinity) ? userId : best,
    );
    for (const userId of userIds) {
      if (userId !== winner) losers.set(userId, { email, winnerUserId: winner });
    }
  }
  return losers;
}
