import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { addLearners, addMilestone, addProgress, createLevel } from "@/test/support/sync/source-fixtures";
import { aggregateBatch, type LevelAggregationInput } from "./aggregate-batch";
import { countStatements } from "../count-statements";
import { discoverLevels } from "../levels/discover-levels";

let db: TestDatabase;
let ids: string[];
let levels: LevelAggregationInput[];

async function levelInputs(unitTotals: Record<string, number> = {}): Promise<LevelAggregationInput[]> {
  const report = await discoverLevels(db.pool, "public");
  return report.levels.map((level) => ({ source: level.source!, unitTotal: unitTotals[level.level] ?? null }));
}

beforeAll(async () => {
  db = await createTestDatabase();
  ids = await addLearners(db.pool, [
    { email: "one@example.com" },
    { email: "two@example.com" },
    { email: "three@example.com" },
    { email: "four@example.com" },
  ]);
  const [one, two, three] = ids as [string, string, string];
  await createLevel(db.pool, "a1");
  await addProgress(db.pool, "a1", [
    // unit 1 retried: the latest completed row (90) counts, not the first (80)
    { userId: one, unitId: 1, accuracy: 80, timeSpent: 600, updatedAt: "2026-01-01T08:00:00Z" },
    { userId: one, unitId: 1, accuracy: 90, timeSpent: 300, updatedAt: "2026-01-03T08:00:00Z" },
    { userId: one, unitId: 2, accuracy: 70, timeSpent: -50, updatedAt: "2026-01-02T08:00:00Z" },
    { userId: one, unitId: 3, accuracy: 150, timeSpent: null, updatedAt: "2026-01-04T08:00:00Z" },
    { userId: one, unitId: 4, completed: false, accuracy: 100, timeSpent: 120, updatedAt: "2026-01-05T08:00:00Z" },
    { userId: one, unitId: 5, accuracy: "NaN", updatedAt: "2026-01-05T09:00:00Z" },
    { userId: two, unitId: 1, accuracy: 85.25, timeSpent: 60, updatedAt: "2026-01-02T00:00:00Z" },
    { userId: two, unitId: 2, accuracy: 90, timeSpent: 60, updatedAt: "2026-01-02T00:00:00Z" },
  ]);
  await addMilestone(db.pool, "a1", one, "level_completed", "2026-01-07T10:00:00Z");
  await addMilestone(db.pool, "a1", three, "unit_1_started", "2026-01-06T10:00:00Z");

  await db.pool.query(
    `create table public.b1_progress (user_id uuid, unit_id text, completed_at timestamptz, accuracy text, time_spent_seconds text, updated_at timestamp)`,
  );
  await db.pool.query(
    `insert into public.b1_progress values
       ($1, 'u1', '2026-02-01T10:00:00Z', '95', '60', '2026-02-01 10:00'),
       ($1, 'u2', '2026-02-01T10:00:00Z', 'abc', '-5', '2026-02-02 10:00'),
       ($1, 'u3', null, '50', 'x', '2026-02-03 10:00'),
       ($1, 'u4', '2026-02-01T10:00:00Z', ' 85.5 ', '1e2', '2026-02-01 11:00'),
       ($1, 'u5', '2026-02-01T10:00:00Z', 'NaN', '', '2026-02-01 12:00')`,
    [one],
  );
  levels = await levelInputs();
});
afterAll(() => db.drop());

describe("aggregateBatch", () => {
  it("computes the source-data-contract metrics on a hand-checked fixture", async () => {
    const [one] = ids as [string];
    const metrics = await aggregateBatch(db.pool, levels, ids, "level_completed");
    const a1 = metrics.get(one)?.levels.get("a1");
    expect(a1).toEqual({
      unitsCompleted: 4, // units 1, 2, 3, 5 (unit 4 not completed)
      accuracy: "80.0", // mean(90 latest of unit 1, 70); 150 and NaN excluded; unit 4 not completed
      status: "completed", // level_completed milestone
      studySeconds: 1020, // 600 + 300 + 120; -50 excluded
      lastActivityAt: new Date("2026-01-07T10:00:00Z"), // the milestone is later than any progress row
      progressRows: 6,
      milestoneRows: 1,
    });
    expect(metrics.get(one)?.warnings).toEqual(
      expect.arrayContaining([
        { level: "a1", kind: "accuracy_out_of_range", rows: 1, column: "a1_progress.accuracy" },
        { level: "a1", kind: "accuracy_not_a_number", rows: 1, column: "a1_progress.accuracy" },
        { level: "a1", kind: "time_spent_negative", rows: 1, column: "a1_progress.time_spent_seconds" },
      ]),
    );
  });

  it("reads text columns safely and timestamps without zone as UTC", async () => {
    const [one] = ids as [string];
    const b1 = (await aggregateBatch(db.pool, levels, [one], "level_completed")).get(one)?.levels.get("b1");
    expect(b1).toEqual({
      unitsCompleted: 4, // u1, u2, u4, u5 have completed_at
      accuracy: "90.3", // mean(95, 85.5) = 90.25, rounded half away from zero
      status: "in_progress",
      studySeconds: 160, // 60 + 1e2; '' is empty, -5 and 'x' excluded
      lastActivityAt: new Date("2026-02-03T10:00:00Z"),
      progressRows: 5,
      milestoneRows: 0,
    });
    const warnings = (await aggregateBatch(db.pool, levels, [one], "level_completed"))
      .get(one)
      ?.warnings.filter((warning) => warning.level === "b1");
    expect(warnings).toEqual([
      { level: "b1", kind: "accuracy_not_a_number", rows: 2, column: "b1_progress.accuracy" },
      { level: "b1", kind: "time_spent_negative", rows: 1, column: "b1_progress.time_spent_seconds" },
      { level: "b1", kind: "time_spent_not_a_number", rows: 1, column: "b1_progress.time_spent_seconds" },
    ]);
  });

  it("derives status from unit totals and milestones, and leaves learners without rows out", async () => {
    const [, two, three, four] = ids as [string, string, string, string];
    const withoutTotal = await aggregateBatch(db.pool, levels, ids, "level_completed");
    expect(withoutTotal.get(two)?.levels.get("a1")).toMatchObject({
      unitsCompleted: 2,
      accuracy: "87.6",
      status: "in_progress",
      studySeconds: 120,
    });
    const withTotal = await aggregateBatch(db.pool, await levelInputs({ a1: 2 }), ids, "level_completed");
    expect(withTotal.get(two)?.levels.get("a1")?.status).toBe("completed");
    // A milestone that is not the completion key is activity, but no progress row: not started.
    expect(withoutTotal.get(three)?.levels.get("a1")).toMatchObject({
      status: "not_started",
      progressRows: 0,
      milestoneRows: 1,
      lastActivityAt: new Date("2026-01-06T10:00:00Z"),
    });
    expect(withoutTotal.has(four)).toBe(false);
    // The completion key is configurable.
    const otherKey = await aggregateBatch(db.pool, levels, ids, "unit_1_started");
    expect(otherKey.get(three)?.levels.get("a1")?.status).toBe("completed");
  });

  it("uses one statement per batch whatever the number of levels or learners", async () => {
    const counter = countStatements(db.pool);
    await aggregateBatch(counter.pool, levels, ids, "level_completed");
    await aggregateBatch(counter.pool, levels.slice(0, 1), ids.slice(0, 1), "level_completed");
    expect(counter.count()).toBe(2);
    // A large batch is cut in two statements, one per half of its key range, whatever its size.
    const many = Array.from(
      { length: 450 },
      (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
    );
    counter.reset();
    await aggregateBatch(counter.pool, levels, many, "level_completed");
    expect(counter.count()).toBe(2);
  });
});
