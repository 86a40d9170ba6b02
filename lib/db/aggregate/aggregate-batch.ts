/**
 * Aggregates one batch of learners over the given levels with one SQL statement (see
 * aggregate-sql.ts) per half of the batch, whatever the number of levels, then derives each level's status. Learners without rows in a level are absent
 * from that level's map: use `emptyLevelMetrics`.
 */
import { z } from "zod";
import type { LevelStatus } from "@/lib/hubspot/properties/property-contract";
import { buildAggregateSql } from "./aggregate-sql";
import type { LevelSource } from "../levels/level-source";
import type { Queryable } from "../queryable";

export type DataWarningKind = "accuracy_out_of_range" | "accuracy_not_a_number" | "time_spent_negative" | "time_spent_not_a_number";

export interface DataWarning {
  level: string;
  kind: DataWarningKind;
  /** Progress rows whose value was excluded. */
  rows: number;
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
}

export interface LevelAggregationInput {
  source: LevelSource;
  /** crm_sync.level_settings.unit_total: reaching it completes the level. */
  unitTotal: number | null;
}

const aggregateRowSchema = z.object({
  level_index: z.number().int(),
  user_id: z.string(),
  progress_rows: z.number().int(),
  units_completed: z.number().int(),
  accuracy: z.string().nullable(),
  study_seconds: z.string(),
  progress_last_at: z.date().nullable(),
  milestone_rows: z.number().int(),
  has_completion_milestone: z.boolean(),
  milestone_last_at: z.date().nullable(),
  accuracy_out_of_range: z.number().int(),
  accuracy_not_a_number: z.number().int(),
  time_spent_negative: z.number().int(),
  time_spent_not_a_number: z.number().int(),
});
type AggregateRow = z.infer<typeof aggregateRowSchema>;

const WARNING_KINDS: readonly DataWarningKind[] = ["accuracy_out_of_range", "accuracy_not_a_number", "time_spent_negative", "time_spent_not_a_number"];

export function emptyLevelMetrics(): LevelMetrics {
  return { unitsCompleted: 0, accuracy: null, status: "not_started", studySeconds: 0, lastActivityAt: null, progressRows: 0, milestoneRows: 0 };
}

function latest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a.getTime() >= b.getTime() ? a : b;
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
    // Sums of integer seconds are exact as numeric; a learner's total fits a double comfortably.
    studySeconds: Number(row.study_seconds),
    lastActivityAt: latest(row.progress_last_at, row.milestone_last_at),
    progressRows: row.progress_rows,
    milestoneRows: row.milestone_rows,
  };
}

// Canonical uuid text, as Postgres prints it: then string order is the uuid order.
const canonicalUuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "user ids must be canonical lower-case uuids");

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
  const answers = await Promise.all(
    chunks.map((chunk) => {
      const params: unknown[] = [chunk, chunk[0], chunk.at(-1)];
      if (sql.usesMilestoneKey) params.push(completionMilestoneKey);
      return db.query(sql.text, params);
    }),
  );
  for (const raw of answers.flatMap((answer) => answer.rows)) {
    const row = aggregateRowSchema.parse(raw);
    const input = levels[row.level_index];
    if (!input) throw new Error(`Aggregation returned an unknown level index ${row.level_index}`);
    const level = input.source.level;
    const learner = result.get(row.user_id) ?? { levels: new Map<string, LevelMetrics>(), warnings: [] };
    learner.levels.set(level, toMetrics(row, input.unitTotal));
    for (const kind of WARNING_KINDS) {
      if (row[kind] > 0) learner.warnings.push({ level, kind, rows: row[kind] });
    }
    result.set(row.user_id, learner);
  }
  return result;
}
