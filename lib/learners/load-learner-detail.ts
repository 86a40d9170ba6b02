/**
 * Everything the learner lookup shows about one learner, computed now: the per-level metrics the
 * sync would send, the payload it would build, what HubSpot last confirmed (and when, under which
 * contact id), and the difference between the two. A learner who left crm_sync.learners is shown
 * as the removed-learners setting will treat them (kept as is, or cleared once); so is a staff
 * account without progress, which the sync leaves out (lib/db/learners/synced-learner-sql.ts).
 */
import type { DataWarning, LevelMetrics, UnreadableLearner } from "@/lib/db/aggregate/aggregate-batch";
import { emptyLevelMetrics } from "@/lib/db/aggregate/aggregate-batch";
import { readRemovedLearnersPolicy, type RemovedLearnersPolicy } from "@/lib/db/learners/read-removed-learners";
import { isStaffWithoutProgress } from "@/lib/db/learners/synced-learner-sql";
import { readLevelPlan } from "@/lib/db/levels/plan-levels";
import type { Queryable } from "@/lib/db/queryable";
import { diffPayload, type PayloadDifference } from "./diff-payload";
import { findLearners, type LearnerMatch } from "./find-learners";
import { planNextSend, type NextSend } from "./plan-next-send";
import { readContactRecord, type ContactRecord } from "./read-contact-record";

export interface LevelMetricsNow extends LevelMetrics {
  level: string;
}

export type LearnerNext =
  | NextSend
  | { kind: "removed"; policy: RemovedLearnersPolicy }
  /** In the view, but a staff account with no progress or milestone row in an enabled level: not synced. */
  | { kind: "staff_without_progress"; policy: RemovedLearnersPolicy };

export interface LearnerDetail {
  learner: LearnerMatch;
  /** Enabled levels with a usable table, CEFR order: the levels the next sync sends. */
  levels: LevelMetricsNow[];
  warnings: DataWarning[];
  unreadable: UnreadableLearner | null;
  contact: ContactRecord | null;
  /** The properties the next sync will send (null: it sends nothing for this learner). */
  nextPayload: Record<string, string> | null;
  next: LearnerNext;
  differences: PayloadDifference[];
  /** Set when the payload could not be checked for properties withheld because of drift. */
  withheldUncheckedReason: string | null;
}

export interface LoadLearnerDetailOptions {
  sourceSchema: string;
  /**
   * Properties withheld from every payload (drift in HubSpot), as the sync's property plan says, for
   * the enabled levels; `uncheckedReason` when HubSpot could not be asked.
   */
  readWithheld: (enabledLevels: string[]) => Promise<{ names: ReadonlySet<string>; uncheckedReason: string | null }>;
}

/** A removed learner's contact under `clear`: every property HubSpot has from us, set to "" by id. */
function clearedPayload(contact: ContactRecord | null): Record<string, string> | null {
  if (!contact?.hubspotId || !contact.payload) return null;
  return Object.fromEntries(Object.keys(contact.payload).map((name) => [name, ""]));
}

export async function loadLearnerDetail(
  db: Queryable,
  userId: string,
  options: LoadLearnerDetailOptions,
): Promise<LearnerDetail | null> {
  const learner = (await findLearners(db, { kind: "user_id", userId }, 1)).items[0];
  if (!learner) return null;
  const contact = await readContactRecord(db, userId);
  const plan = learner.isInView ? await readLevelPlan(db, options.sourceSchema) : null;
  const isSkippedStaff = plan !== null && (await isStaffWithoutProgress(db, plan.aggregation, userId));
  if (!plan || isSkippedStaff) {
    // The sync treats both alike: nothing sent, and a recorded contact kept or cleared once (removed_learners).
    const policy = await readRemovedLearnersPolicy(db);
    const nextPayload = policy === "clear" ? clearedPayload(contact) : null;
    return {
      learner,
      levels: plan ? plan.enabledLevels.map((level) => ({ level, ...emptyLevelMetrics() })) : [],
      warnings: [],
      unreadable: null,
      contact,
      nextPayload,
      next: { kind: plan ? "staff_without_progress" : "removed", policy },
      differences: nextPayload ? diffPayload(contact?.payload ?? null, nextPayload) : [],
      withheldUncheckedReason: null,
    };
  }
  const withheld = await options.readWithheld(plan.enabledLevels);
  const planned = await planNextSend(db, learner, plan, withheld.names);
  const levels = plan.enabledLevels.map((level) => ({
    level,
    ...(planned.metrics?.levels.get(level) ?? emptyLevelMetrics()),
  }));
  return {
    learner,
    levels,
    warnings: planned.metrics?.warnings ?? [],
    unreadable: planned.metrics?.unreadable ?? null,
    contact,
    nextPayload: planned.payload,
    next: planned.next,
    // Not sendable: nothing goes out, so nothing will change in HubSpot. The email is the contact's key,
    // not one of the payload's properties: a change of it is listed first (the sync sends it by contact id).
    differences: planned.payload
      ? [
          ...(contact && planned.email !== null && contact.email !== planned.email
            ? [{ property: "email", lastSent: contact.email, next: planned.email }]
            : []),
          ...diffPayload(contact?.payload ?? null, planned.payload),
        ]
      : [],
    withheldUncheckedReason: withheld.uncheckedReason,
  };
}
