/**
 * Issue #10, item 1, the second line of defence: when a value the SQL did not catch reaches the
 * JavaScript side, or Postgres refuses the statement because of one learner's data, only that
 * learner is marked unreadable; everyone else in the batch is aggregated. A stand-in database
 * returns the rows, so these cases do not depend on finding real data that slips past the SQL.
 */
import type pg from "pg";
import { describe, expect, it } from "vitest";
import type { LevelSource } from "../levels/level-source";
import type { Queryable } from "../queryable";
import { aggregateBatch, type LevelAggregationInput } from "./aggregate-batch";

const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";
const C = "00000000-0000-4000-8000-00000000000c";

const source: LevelSource = {
  level: "a1",
  schema: "public",
  progressTable: "a1_progress",
  columns: {
    unitIdSortable: true,
    hasCompleted: true,
    completedAt: null,
    accuracy: "numeric",
    timeSpent: "numeric",
    activity: { name: "updated_at", type: "timestamptz" },
  },
  milestones: null,
};
const levels: LevelAggregationInput[] = [{ source, unitTotal: null }];

function row(userId: string, overrides: Record<string, unknown> = {}) {
  return {
    level_index: 0,
    user_id: userId,
    progress_rows: 1,
    units_completed: 1,
    accuracy: "90.0",
    study_seconds: "600",
    progress_last_at: new Date("2026-01-10T12:00:00Z"),
    milestone_rows: 0,
    has_completion_milestone: false,
    milestone_last_at: null,
    progress_warnings: null,
    time_spent_total_out_of_range: 0,
    milestone_unreadable: 0,
    activity_weeks: "0",
    weeks_anchor: new Date("2026-01-05T00:00:00Z"),
    ...overrides,
  };
}

/** Answers with the given rows for the learners asked about; throws `error` for any statement including `poisoned`. */
function fakeDb(
  rows: ReturnType<typeof row>[],
  poisoned?: { userId: string; error: Error },
): Queryable & { statements: string[][] } {
  const statements: string[][] = [];
  return {
    statements,
    query: async (_text: string, values?: unknown[]) => {
      const ids = (values?.[0] ?? []) as string[];
      statements.push(ids);
      if (poisoned && ids.includes(poisoned.userId)) throw poisoned.error;
      return { rows: rows.filter((candidate) => ids.includes(candidate.user_id)) } as pg.QueryResult;
    },
  };
}

describe("aggregateBatch with one unreadable learner", () => {
  it.each([
    ["a date past JavaScript's range (Invalid Date)", { progress_last_at: new Date(Number.NaN) }, /progress_last_at/],
    [
      "a 6-digit year",
      { milestone_last_at: new Date("+200000-01-01T00:00:00Z") },
      /milestone_last_at: the date is outside the years 1–9999/,
    ],
    ["pg's Infinity for an infinite timestamp", { progress_last_at: Number.POSITIVE_INFINITY }, /progress_last_at/],
    ["a study time past 2^53", { study_seconds: "9007199254740993" }, /study_seconds/],
    ["a study time of Infinity", { study_seconds: "Infinity" }, /study_seconds/],
    ["an accuracy of NaN", { accuracy: "NaN" }, /accuracy/],
  ])("%s: that learner is unreadable (with the field), the others are aggregated", async (_name, poison, reason) => {
    const db = fakeDb([row(A), row(B, poison), row(C)]);
    const metrics = await aggregateBatch(db, levels, [A, B, C], "level_completed");
    expect(metrics.get(B)?.unreadable).toEqual({ level: "a1", reason: expect.stringMatching(reason) });
    for (const healthy of [A, C]) {
      expect(metrics.get(healthy)?.unreadable).toBeUndefined();
      expect(metrics.get(healthy)?.levels.get("a1")).toMatchObject({ accuracy: "90.0", studySeconds: 600 });
    }
  });

  it("a statement Postgres refuses for one learner's data (SQLSTATE 22…): split until that learner is alone", async () => {
    const ids = Array.from({ length: 9 }, (_, index) => `00000000-0000-4000-8000-00000000010${index}`);
    const overflow = Object.assign(new Error("value overflows numeric format"), { code: "22003" });
    const db = fakeDb(
      ids.map((id) => row(id)),
      { userId: ids[6]!, error: overflow },
    );
    const metrics = await aggregateBatch(db, levels, ids, "level_completed");
    expect(metrics.get(ids[6]!)?.unreadable).toEqual({
      level: null,
      reason: expect.stringContaining("22003: value overflows numeric format"),
    });
    expect(ids.filter((id) => metrics.get(id)?.levels.get("a1")?.studySeconds === 600)).toEqual(
      ids.filter((_, index) => index !== 6),
    );
    // Every statement asked about a contiguous, key-ordered run of learners.
    for (const asked of db.statements) expect(asked).toEqual([...asked].sort());
  });

  it("any other database error still fails the batch (a lost connection is not bad data)", async () => {
    const lost = Object.assign(new Error("Connection terminated unexpectedly"), { code: "57P01" });
    const db = fakeDb([row(A)], { userId: A, error: lost });
    await expect(aggregateBatch(db, levels, [A, B], "level_completed")).rejects.toThrow("Connection terminated");
  });
});
