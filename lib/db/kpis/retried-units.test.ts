/**
 * The KPI statement's fast path (mean over valid rows) is only right for learners without a
 * retried completed unit; these hand-computed cases are the ones where it would be wrong: retries,
 * equal activity times, invalid values next to valid ones, and a learner who retried in one level
 * but not in another. The expectations are worked out by hand (and, as a cross-check, equal the
 * slow reference statement and the sync's own per-learner aggregation).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addLearners, addProgress, createLevel } from "@/test/support/sync/source-fixtures";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { computeKpis } from "./compute-kpis";
import { kpisFromSync } from "@/test/support/kpis/kpis-from-sync";
import { referenceKpis } from "@/test/support/kpis/reference-kpis";

const NOW = new Date("2026-03-11T12:00:00Z");
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  const [l1, l2, l3, l4, l5] = (await addLearners(
    db.pool,
    ["l1", "l2", "l3", "l4", "l5"].map((name) => ({ email: `${name}@example.com` })),
  )) as [string, string, string, string, string];
  await createLevel(db.pool, "a1");
  await createLevel(db.pool, "b1");
  await db.pool.query(
    "insert into crm_sync.level_settings (level, enabled, unit_total) values ('a1', true, null), ('b1', true, 2)",
  );
  const at = (day: string, time = "10:00") => `2026-${day}T${time}:00Z`;
  await addProgress(db.pool, "a1", [
    // l1, no retries: (80 + 90) / 2 = 85.0
    { userId: l1, unitId: 1, accuracy: 80, timeSpent: 600, updatedAt: at("03-02") },
    { userId: l1, unitId: 2, accuracy: 90, timeSpent: 600, updatedAt: at("03-09") },
    // l2 retried unit 1: the later 70 counts, not 50 → (70 + 90) / 2 = 80.0 (rows' mean: 70.0)
    { userId: l2, unitId: 1, accuracy: 50, timeSpent: 600, updatedAt: at("02-01") },
    { userId: l2, unitId: 1, accuracy: 70, timeSpent: 600, updatedAt: at("02-10") },
    { userId: l2, unitId: 2, accuracy: 90, timeSpent: 600, updatedAt: at("02-11") },
    // l3: two results at the same time, the higher counts → (64 + 100) / 2 = 82.0 (rows' mean: 74.7)
    { userId: l3, unitId: 1, accuracy: 60, timeSpent: 600, updatedAt: at("02-05") },
    { userId: l3, unitId: 1, accuracy: 64, timeSpent: 600, updatedAt: at("02-05") },
    { userId: l3, unitId: 2, accuracy: 100, timeSpent: 600, updatedAt: at("02-06") },
    // l4: the later 150 is invalid, so 95 stays; unit 2 is completed (NaN row) without a valid value → 95.0
    { userId: l4, unitId: 1, accuracy: 95, timeSpent: 600, updatedAt: at("02-01") },
    { userId: l4, unitId: 1, accuracy: 150, timeSpent: -100, updatedAt: at("02-20") },
    { userId: l4, unitId: 2, accuracy: "NaN", timeSpent: 600, updatedAt: at("02-02") },
    { userId: l4, unitId: 2, completed: false, accuracy: 40, timeSpent: 600, updatedAt: at("02-21") },
    // l5: the retry was not completed, so the first result stays → 70.0, one unit
    { userId: l5, unitId: 1, accuracy: 70, timeSpent: 600, updatedAt: at("02-01") },
    { userId: l5, unitId: 1, completed: false, accuracy: 90, timeSpent: 600, updatedAt: at("02-25") },
  ]);
  await addProgress(db.pool, "b1", [
    // l2 did NOT retry in b1: (60 + 80) / 2 = 70.0
    { userId: l2, unitId: 1, accuracy: 60, updatedAt: at("01-10") },
    { userId: l2, unitId: 2, accuracy: 80, updatedAt: at("01-11") },
    // l3 retried in b1 too: 50 replaces 30 → (50 + 70) / 2 = 60.0 (rows' mean: 50.0)
    { userId: l3, unitId: 1, accuracy: 30, updatedAt: at("01-10") },
    { userId: l3, unitId: 1, accuracy: 50, updatedAt: at("01-12") },
    { userId: l3, unitId: 2, accuracy: 70, updatedAt: at("01-13") },
    { userId: l1, unitId: 1, completed: false, accuracy: 90, updatedAt: at("01-10") },
  ]);
});
afterAll(() => db.drop());

const expectedLevels = [
  {
    level: "a1",
    started: 5,
    inProgress: 5,
    completed: 0,
    completionRate: 0,
    avgUnitsCompleted: 1.8, // 2 + 2 + 2 + 2 + 1 (retried units count once)
    avgAccuracy: 82.4, // (85 + 80 + 82 + 95 + 70) / 5; the rows' mean would give 78.9
    studyHours: 2.2, // 13 × 600 s; −100 excluded
    active7d: 1, // l1 (03-09)
    active30d: 4, // l1, l2 (02-11), l4 (02-21), l5 (02-25); not l3 (02-06)
    unitTotal: null,
  },
  {
    level: "b1",
    started: 3,
    inProgress: 1,
    completed: 2, // l2 and l3 reach the unit total of 2 (l3's retry counts once)
    completionRate: 2 / 3,
    avgUnitsCompleted: 1.33, // (2 + 2 + 0) / 3
    avgAccuracy: 65, // (70 + 60) / 2; the rows' mean would give 60.0
    studyHours: 0,
    active7d: 0,
    active30d: 0,
    unitTotal: 2,
  },
];

describe("computeKpis with retried units", () => {
  it("counts each unit's latest valid result, per learner and per level, as worked out by hand", async () => {
    const report = await computeKpis(db.pool, { now: NOW });
    expect(report.levels).toEqual(expectedLevels);
    expect(report.totals).toEqual({ learners: 5, activeLearners: 5, completions: 2, studyHours: 2.2 });
  });

  it("gives the same numbers when the planner reads the rows in (user_id, unit_id) index order", async () => {
    // The presorted plan (no sort, count(distinct) inline) is the one large tables get.
    await db.pool.query(
      "create index on public.a1_progress (user_id, unit_id); create index on public.b1_progress (user_id, unit_id)",
    );
    const indexed = db.createPool({
      max: 4,
      options: "-c enable_seqscan=off -c enable_sort=off -c enable_hashagg=off",
    });
    try {
      expect((await computeKpis(indexed, { now: NOW })).levels).toEqual(expectedLevels);
    } finally {
      await indexed.end();
    }
  });

  it("equals the slow reference statement and the sync's per-learner aggregation", async () => {
    const { generatedAt, ...report } = await computeKpis(db.pool, { now: NOW });
    expect(generatedAt).toBe(NOW.toISOString());
    expect(report).toEqual(await referenceKpis(db.pool, NOW));
    expect({ levels: report.levels, totals: report.totals }).toEqual(await kpisFromSync(db.pool, NOW));
  });
});
