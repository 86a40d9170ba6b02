/**
 * Aggregates one batch of learners over the given levels with one SQL statement (see
 * aggregate-sql.ts) per half of the batch, whatever the number of levels, then derives each level's
 * status; each half's rows are read as soon as its statement answers. Learners without rows in a
 * level are absent from that level's map: use `emptyLevelMetrics`.
 * One learner's rows never stop the batch: a row that fails its zod guard marks only that learner
 * `unreadable`, and a statement refused for bad data is split until the learner causing it is
 * isolated (isolate-unreadable.ts).
 */
import { z } from "zod";
import type { LevelStatus } from "@/lib/hubspot/properties/property-contract";
import { buildAggregateSql } from "./aggregate-sql";
import {
  aggregateRowSchema,
  asDate,
  describeRowProblem,
  PROGRESS_WARNING_KINDS,
  rowOwnerSchema,
  type AggregateRow,
} from "./aggregate-row";
import { queryIsolatingUnreadable, type IsolatedAnswer } from "./isolate-unreadable";
import type { LevelSource } from "../levels/level-source";
import type { Queryable } from "../queryable";

export type DataWarningKind =
  | "accuracy_out_of_range"
  | "accuracy_not_a_number"
  | "time_spent_negative"
  | "time_spent_not_a_number"
  | "time_spent_out_of_range"
  | "time_spent_total_out_of_range"
  | "activity_unreadable"
  | "milestone_unreadable";

export interface DataWarning {
  level: string;
  kind: DataWarningKind;
  /** Rows whose value was excluded. */
  rows: number;
  /** The source column, `table.column`, e.g. `a1_progress.updated_at`. */
  column: string;
}

/** A learner none of whose metrics can be trusted: reported and not sent (the batch goes on). */
export interface UnreadableLearner {
  /** null when the statement failed before any level could be told apart. */
  level: string | null;
  reason: string;
}

export interface LevelMetrics {
  unitsCompleted: number;
  /** Mean accuracy with one decimal as Postgres computed it, e.g. "87.5"; null when no valid value. */
  accuracy: string | null;
  status: LevelStatus;
  studySeconds: number;
  lastActivityAt: Date | null;
  progressRows: number;
  milestoneRows: number;
}

export interface LearnerMetrics {
  levels: Map<string, LevelMetrics>;
  warnings: DataWarning[];
  unreadable?: UnreadableLearner;
  /** Per level, what crm_sync.learner_facts keeps beyond LevelMetrics (lib/db/facts). */
  facts?: Map<string, LevelFactExtras>;
}

export interface LevelFactExtras {
  hasCompletionMilestone: boolean;
  /** Bitmask of active weeks as decimal text (lib/db/facts/activity-weeks.ts). */
  activityWeeks: string;
  weeksAnchor: Date;
}

export interface LevelAggregationInput {
  source: LevelSource;
  /** crm_sync.level_settings.unit_total: reaching it completes the level. */
  unitTotal: number | null;
}

/** Which source column each warning is about. */
function warningColumns(source: LevelSource): Record<DataWarningKind, string> {
  const progress = (column: string) => `${source.progressTable}.${column}`;
  const milestones = source.milestones;
  return {
    accuracy_out_of_range: progress("accuracy"),
    accuracy_not_a_number: progress("accuracy"),
    time_spent_negative: progress("time_spent_seconds"),
    time_spent_not_a_number: progress("time_spent_seconds"),
    time_spent_out_of_range: progress("time_spent_seconds"),
    time_spent_total_out_of_range: progress("time_spent_seconds"),
    activity_unreadable: progress(source.columns.activity?.name ?? "updated_at"),
    milestone_unreadable: milestones ? `${milestones.table}.${milestones.achievedAt?.name ?? "achieved_at"}` : "",
  };
}

/** A row's warnings, kind by kind in a fixed order, with their row counts (0 = none). */
function warningCounts(row: AggregateRow): [DataWarningKind, number][] {
  const counts: [DataWarningKind, number][] = PROGRESS_WARNING_KINDS.map((kind, index) => [
    kind,
    row.progress_warnings?.[index] ?? 0,
  ]);
  counts.splice(5, 0, ["time_spent_total_out_of_range", row.time_spent_total_out_of_range]);
  counts.push(["milestone_unreadable", row.milestone_unreadable]);
  return counts;
}

export function emptyLevelMetrics(): LevelMetrics {
  return {
    unitsCompleted: 0,
    accuracy: null,
    status: "not_started",
    studySeconds: 0,
    lastActivityAt: null,
    progressRows: 0,
    milestoneRows: 0,
  };
}

/** The later of two times (epoch milliseconds as text, or Date), as one Date. */
function latest(a: string | Date | null, b: string | Date | null): Date | null {
  if (a === null) return b === null ? null : asDate(b);
  if (b === null) return asDate(a);
  const [first, second] = [asDate(a), asDate(b)];
  return first.getTime() >= second.getTime() ? first : second;
}

function statusOf(row: AggregateRow, unitTotal: number | null): LevelStatus {
  if (row.has_completion_milestone || (unitTotal !== null && row.units_completed >= unitTotal)) return "completed";
  return row.progress_rows > 0 ? "in_progress" : "not_started";
}

function toMetrics(row: AggregateRow, unitTotal: number | null): LevelMetrics {
  return {
    unitsCompleted: row.units_completed,
    accuracy: row.accuracy,
    status: statusOf(row, unitTotal),
    // At most 2^53 − 1 (the SQL and the row schema see to it), so exact as a JavaScript number.
    studySeconds: Number(row.study_seconds),
    lastActivityAt: latest(row.progress_last_at, row.milestone_last_at),
    progressRows: row.progress_rows,
    milestoneRows: row.milestone_rows,
  };
}

// Canonical uuid text, as Postgres prints it: then string order is the uuid order.
const canonicalUuid = z
  .string()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    "user ids must be canonical lower-case uuids",
  );

/**
 * A batch of at least this many learners is aggregated as two statements side by side, each over
 * one half of its key range: one statement runs on one database core, and the aggregation is
 * CPU-bound (see README, Performance). Smaller batches are not worth a second plan.
 */
const SPLIT_FROM = 200;

/** The ids in key order, cut into at most `parts` contiguous chunks. */
function keyOrderedChunks(userIds: readonly string[], parts: number): string[][] {
  const sorted = userIds.map((id) => canonicalUuid.parse(id)).sort();
  const size = Math.ceil(sorted.length / parts);
  const chunks: string[][] = [];
  for (let start = 0; start < sorted.length; start += size) chunks.push(sorted.slice(start, start + size));
  return chunks;
}

export async function aggregateBatch(
  db: Queryable,
  levels: readonly LevelAggregationInput[],
  userIds: readonly string[],
  completionMilestoneKey: string,
): Promise<Map<string, LearnerMetrics>> {
  const result = new Map<string, LearnerMetrics>();
  if (levels.length === 0 || userIds.length === 0) return result;
  const sql = buildAggregateSql(levels.map((level) => level.source));
  const chunks = keyOrderedChunks(userIds, userIds.length >= SPLIT_FROM ? 2 : 1);
  const columns = levels.map((level) => warningColumns(level.source));
  // Each chunk's rows are read as soon as its statement answers, while the other one still runs;
  // then merged in chunk order, so the result does not depend on which statement finished first.
  const parts = await Promise.all(
    chunks.map(async (chunk) =>
      readAnswer(
        await queryIsolatingUnreadable(chunk, (ids) => {
          const params: unknown[] = [ids, ids[0], ids.at(-1)];
          if (sql.usesMilestoneKey) params.push(completionMilestoneKey);
          return db.query(sql.text, params);
        }),
        levels,
        columns,
      ),
    ),
  );
  for (const part of parts) for (const [userId, learner] of part) result.set(userId, learner);
  return result;
}

function readAnswer(
  answer: IsolatedAnswer,
  levels: readonly LevelAggregationInput[],
  columns: readonly Record<DataWarningKind, string>[],
): Map<string, LearnerMetrics> {
  const result = new Map<string, LearnerMetrics>();
  const learnerOf = (userId: string) => {
    let learner = result.get(userId);
    if (!learner) {
      learner = { levels: new Map<string, LevelMetrics>(), warnings: [] };
      result.set(userId, learner);
    }
    return learner;
  };
  for (const [userId, reason] of answer.unreadable) learnerOf(userId).unreadable = { level: null, reason };
  for (const raw of answer.rows) {
    const parsed = aggregateRowSchema.safeParse(raw);
    // Without a user id and a level the row cannot be attributed: that is a bug in our SQL, not data.
    const owner = parsed.success ? parsed.data : rowOwnerSchema.parse(raw);
    const input = levels[owner.level_index];
    if (!input) throw new Error(`Aggregation returned an unknown level index ${owner.level_index}`);
    const level = input.source.level;
    const learner = learnerOf(owner.user_id);
    if (!parsed.success) {
      learner.unreadable ??= { level, reason: describeRowProblem(parsed.error) };
      continue;
    }
    const row = parsed.data;
    learner.levels.set(level, toMetrics(row, input.unitTotal));
    (learner.facts ??= new Map()).set(level, {
      hasCompletionMilestone: row.has_completion_milestone,
      activityWeeks: row.activity_weeks,
      weeksAnchor: asDate(row.weeks_anchor),
    });
    const levelColumns = columns[owner.level_index]!;
    const hasWarnings =
      row.progress_warnings !== null || row.time_spent_total_out_of_range > 0 || row.milestone_unreadable > 0;
    if (!hasWarnings) continue;
    for (const [kind, rows] of warningCounts(row)) {
      if (rows > 0) learner.warnings.push({ level, kind, rows, column: levelColumns[kind] });
    }
  }
  return result;
}
