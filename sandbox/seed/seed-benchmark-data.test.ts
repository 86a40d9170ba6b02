import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { seedBenchmarkData, type BenchmarkSeedReport } from "./seed-benchmark-data";

const now = new Date("2026-12-01T00:00:00Z");

describe("seedBenchmarkData", () => {
  let db: TestDatabase;
  let report: BenchmarkSeedReport;
  const rowsOf = async (sql: string) => (await db.pool.query(sql)).rows;

  beforeAll(async () => {
    db = await createTestDatabase();
    report = await seedBenchmarkData(db.pool, { learners: 600, levelsPerLearner: 3, unitsPerLevel: 15, seed: 5, now });
  });
  afterAll(async () => db.drop());

  it("creates the learners and counts what it wrote", async () => {
    const [users] = await rowsOf(
      "select count(*)::int as n from crm_sync.learners where email like '%@bench-5.example.com'",
    );
    expect(users.n).toBe(600);
    const [progress] = await rowsOf(`select (select count(*) from a1_progress) + (select count(*) from a2_progress)
      + (select count(*) from b1_progress) + (select count(*) from b2_progress) as n`);
    expect(Number(progress.n)).toBe(report.progressRows);
    expect(report.levels).toEqual(["a1", "a2", "b1", "b2", "c1", "c2"]);
  });

  it("gives each learner 1–3 consecutive levels: earlier ones finished, the last one partly", async () => {
    const perLevel = await rowsOf(`
      select 'a1' as level, count(distinct user_id)::int as n from a1_progress union all
      select 'a2', count(distinct user_id)::int from a2_progress union all
      select 'b1', count(distinct user_id)::int from b1_progress union all
      select 'b2', count(distinct user_id)::int from b2_progress`);
    const n = Object.fromEntries(perLevel.map((r) => [r.level, r.n]));
    expect(n.a1).toBe(600);
    expect(n.a2).toBeGreaterThan(300);
    expect(n.a2).toBeLessThan(500);
    expect(n.b1).toBeGreaterThan(120);
    expect(n.b1).toBeLessThan(n.a2);
    expect(n.b2).toBe(0);
    const [notFinished] = await rowsOf(`
      select count(*)::int as n from a1_progress p
       where exists (select 1 from a2_progress q where q.user_id = p.user_id) and not p.completed`);
    expect(notFinished.n).toBe(0);
    const [milestones] = await rowsOf(
      "select count(*)::int as n from a1_milestones where milestone = 'level_completed'",
    );
    expect(milestones.n).toBe(n.a2);
  });

  it("keeps values in the contract's ranges, never in the future", async () => {
    const [stats] = await rowsOf(`
      select min(accuracy)::float as min_acc, max(accuracy)::float as max_acc, min(time_spent_seconds) as min_t,
             max(time_spent_seconds) as max_t, max(updated_at) as latest, min(unit_id) as min_unit, max(unit_id) as max_unit
        from a1_progress`);
    expect(stats.min_acc).toBeGreaterThanOrEqual(60);
    expect(stats.max_acc).toBeLessThanOrEqual(99);
    expect(stats.min_t).toBeGreaterThanOrEqual(300);
    expect(stats.max_t).toBeLessThan(2_400);
    expect(new Date(stats.latest).getTime()).toBeLessThanOrEqual(now.getTime());
    expect([stats.min_unit, stats.max_unit]).toEqual([1, 15]);
  });

  it("is deterministic for a seed and refuses to add the same seed twice", async () => {
    const other = await createTestDatabase();
    try {
      const again = await seedBenchmarkData(other.pool, {
        learners: 600,
        levelsPerLearner: 3,
        unitsPerLevel: 15,
        seed: 5,
        now,
      });
      expect(again.progressRows).toBe(report.progressRows);
      const digest = async (pool: typeof db.pool) =>
        (
          await pool.query(
            "select md5(string_agg(user_id::text || unit_id || accuracy || completed, ',' order by id)) as d from a2_progress",
          )
        ).rows[0].d;
      expect(await digest(other.pool)).toBe(await digest(db.pool));
    } finally {
      await other.drop();
    }
    await expect(seedBenchmarkData(db.pool, { learners: 10, seed: 5 })).rejects.toMatchObject({
      code: "already_seeded",
    });
    const extra = await seedBenchmarkData(db.pool, { learners: 10, levelsPerLearner: 1, seed: 6, now });
    expect(extra.milestoneRows).toBe(0);
  });
});
