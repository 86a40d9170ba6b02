import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countStatements } from "@/lib/db/count-statements";
import { addLearners, addMilestone, addProgress, createLevel } from "@/test/support/sync/source-fixtures";
import { readLevelPlan } from "@/lib/db/levels/plan-levels";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { computeKpis, measureKpis } from "./compute-kpis";

// A Wednesday: the chart's weeks run from Monday 2025-12-15 to the last complete week, 2026-03-02.
const NOW = new Date("2026-03-11T12:00:00Z");
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  const [one, two, three, four, , deleted, banned] = (await addLearners(db.pool, [
    { email: "one@example.com" },
    { email: "two@example.com" },
    { email: "three@example.com" },
    { email: "four@example.com" },
    { email: "five@example.com" }, // a learner without any rows
    { email: "deleted@example.com" },
    { email: "banned@example.com" },
  ])) as [string, string, string, string, string, string, string];
  await db.pool.query("update auth.users set deleted_at = '2026-03-01' where id = $1", [deleted]);
  await db.pool.query("update auth.users set banned_until = '2099-01-01' where id = $1", [banned]);

  await createLevel(db.pool, "a1");
  await db.pool.query("insert into crm_sync.level_settings (level, enabled, unit_total) values ('a1', true, 3)");
  await addProgress(db.pool, "a1", [
    { userId: one, unitId: 1, accuracy: 80, timeSpent: 5400, updatedAt: "2026-03-10T08:00:00Z" },
    { userId: one, unitId: 2, accuracy: 150, timeSpent: -50, updatedAt: "2026-03-01T08:00:00Z" }, // out of range, negative
    { userId: two, unitId: 1, accuracy: 90, timeSpent: 1200, updatedAt: "2026-02-15T08:00:00Z" },
    { userId: two, unitId: 2, accuracy: 70, timeSpent: 1200, updatedAt: "2026-02-15T08:00:00Z" },
    { userId: two, unitId: 3, accuracy: 95, timeSpent: 1200, updatedAt: "2026-02-15T08:00:00Z" }, // 3 of 3 units
    { userId: three, unitId: 1, completed: false, accuracy: 60, updatedAt: "2026-01-05T08:00:00Z" },
    { userId: deleted, unitId: 1, accuracy: 10, timeSpent: 5000, updatedAt: "2026-03-10T08:00:00Z" },
  ]);
  await addMilestone(db.pool, "a1", one, "level_completed", "2026-02-20T10:00:00Z");
  await addMilestone(db.pool, "a1", four, "unit_1_started", "2026-03-09T10:00:00Z");
  await addMilestone(db.pool, "a1", deleted, "level_completed", "2026-03-10T10:00:00Z");

  // Text values, completed_at only, timestamps without zone, no milestones table, no unit total.
  await db.pool.query(
    "create table public.b1_progress (user_id uuid, unit_id text, completed_at timestamptz, accuracy text, time_spent_seconds text, updated_at timestamp)",
  );
  await db.pool.query(
    `insert into public.b1_progress values
       ($1, 'u1', '2026-03-05T10:00:00Z', '95', '720', '2026-03-05 10:00'),
       ($1, 'u2', null, '50', null, '2026-03-05 11:00'),
       ($2, 'u1', '2026-03-05T10:00:00Z', '20', '999', '2026-03-05 10:00')`,
    [two, banned],
  );
  await createLevel(db.pool, "c1");
  await addProgress(db.pool, "c1", [{ userId: one, unitId: 1 }]);
  await db.pool.query("insert into crm_sync.level_settings (level, enabled) values ('c1', false)");
});
afterAll(() => db.drop());

describe("computeKpis", () => {
  it("computes the source-data-contract KPIs per enabled level on a hand-checked fixture", async () => {
    const report = await computeKpis(db.pool, { now: NOW });
    expect(report.levels.map((level) => level.level)).toEqual(["a1", "b1"]); // c1 is disabled
    expect(report.levels[0]).toEqual({
      level: "a1",
      started: 3, // one, two, three; four has only a non-completion milestone; deleted does not count
      inProgress: 1, // three (no completed unit)
      completed: 2, // one by milestone, two by reaching the unit total of 3
      completionRate: 2 / 3,
      avgUnitsCompleted: 1.67, // (2 + 3 + 0) / 3
      avgAccuracy: 82.5, // one 80 (150 excluded), two 85; three's unit is not completed
      studyHours: 2.5, // 5400 + 3 × 1200 = 9000 s; −50 excluded
      active7d: 2, // one (03-10), four (milestone 03-09)
      active30d: 3, // + two (02-15)
      unitTotal: 3,
    });
    expect(report.levels[1]).toEqual({
      level: "b1",
      started: 1,
      inProgress: 1,
      completed: 0,
      completionRate: 0,
      avgUnitsCompleted: 1,
      avgAccuracy: 95,
      studyHours: 0.2, // 720 s; the banned learner's 999 s do not count
      active7d: 1,
      active30d: 1,
      unitTotal: null,
    });
    expect(report.totals).toEqual({ learners: 5, activeLearners: 4, completions: 2, studyHours: 2.7 });
  });

  it("counts distinct learners with activity per ISO week for the last 12 complete weeks", async () => {
    const report = await computeKpis(db.pool, { now: NOW });
    expect(report.weeks[0]).toBe("2025-12-15");
    expect(report.weeks.at(-1)).toBe("2026-03-02");
    expect(report.weeklyActive).toEqual([
      // three 01-05; two 02-15 (a Sunday); one's milestone 02-20; one 03-01; the running week (03-09…) is left out
      { level: "a1", learners: [0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 1, 0] },
      { level: "b1", learners: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1] },
    ]);
  });

  it("honours a configured completion milestone key", async () => {
    await db.pool.query("update crm_sync.settings set completion_milestone_key = 'unit_1_started'");
    try {
      const a1 = (await computeKpis(db.pool, { now: NOW })).levels[0];
      // one loses the milestone completion (2 of 3 units); four now counts as started and completed
      expect(a1).toMatchObject({ started: 4, inProgress: 2, completed: 2 });
    } finally {
      await db.pool.query("update crm_sync.settings set completion_milestone_key = 'level_completed'");
    }
  });

  it("sends one statement per level plus one, whatever the number of learners", async () => {
    const planning = countStatements(db.pool);
    await readLevelPlan(planning.pool, "public");
    const counter = countStatements(db.pool);
    const { kpis, durationMs } = await measureKpis(counter.pool, "public");
    expect(kpis.levels).toHaveLength(2);
    // + 1: whether the maintained facts can be trusted (they cannot here: no sync ran, raw tables are read).
    expect(counter.count()).toBe(planning.count() + 1 + 1 + kpis.levels.length);
    expect(durationMs).toBeGreaterThanOrEqual(0);
  });
});
