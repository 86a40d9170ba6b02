/** The chart weeks' edges: Monday 00:00 UTC belongs to the week it starts, to the microsecond. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addLearners, addMilestone, addProgress, createLevel } from "@/test/support/sync/source-fixtures";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { computeKpis } from "./compute-kpis";
import { referenceKpis } from "@/test/support/kpis/reference-kpis";

// Chart weeks: Monday 2025-12-15 … the week of 2026-03-02; the running week starts 2026-03-09.
const NOW = new Date("2026-03-11T12:00:00Z");
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  const [one, two] = (await addLearners(db.pool, [{ email: "one@example.com" }, { email: "two@example.com" }])) as [
    string,
    string,
  ];
  await createLevel(db.pool, "a1");
  await addProgress(db.pool, "a1", [
    { userId: one, unitId: 1, updatedAt: "2025-12-14T23:59:59.999999Z" }, // before the chart
    { userId: one, unitId: 2, updatedAt: "2025-12-15T00:00:00Z" }, // week 1
    { userId: one, unitId: 3, updatedAt: "2025-12-21T23:59:59.999999Z" }, // still week 1: counted once
    { userId: one, unitId: 4, updatedAt: "2026-03-08T23:59:59.999999Z" }, // week 12
    { userId: two, unitId: 1, updatedAt: "2026-03-09T00:00:00Z" }, // the running week: left out
  ]);
  await addMilestone(db.pool, "a1", two, "unit_1_started", "2025-12-22T00:00:00Z"); // week 2
});
afterAll(() => db.drop());

describe("weekly active learners", () => {
  it("puts activity on the edges of the chart weeks in the right week", async () => {
    const report = await computeKpis(db.pool, { now: NOW });
    expect(report.weeklyActive).toEqual([{ level: "a1", learners: [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1] }]);
    expect(report.weeklyActive).toEqual((await referenceKpis(db.pool, NOW)).weeklyActive);
  });
});
