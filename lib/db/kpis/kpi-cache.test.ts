import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countStatements } from "@/lib/db/count-statements";
import type { Queryable } from "@/lib/db/queryable";
import { addLearners, addProgress, createLevel } from "@/test/support/sync/source-fixtures";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { createKpiCache } from "./kpi-cache";

let db: TestDatabase;
/** Statements whose text marks them as KPI statements (not planning). */
const isKpiStatement = (text: string) => text.includes("first_seen") || text.includes("count(*)::int as learners");

beforeAll(async () => {
  db = await createTestDatabase();
  const [one, two] = (await addLearners(db.pool, [{ email: "one@example.com" }, { email: "two@example.com" }])) as [
    string,
    string,
  ];
  await createLevel(db.pool, "a1");
  await db.pool.query("insert into crm_sync.level_settings (level, enabled, unit_total) values ('a1', true, 2)");
  await addProgress(db.pool, "a1", [
    { userId: one, unitId: 1, accuracy: 80 },
    { userId: one, unitId: 2, accuracy: 90 },
    { userId: two, unitId: 1, accuracy: 70 },
  ]);
});
afterAll(() => db.drop());

function setup(maxAgeMs = 1000) {
  let now = Date.parse("2026-03-11T12:00:00Z");
  const counter = countStatements(db.pool, { keepTexts: true });
  const cache = createKpiCache({ maxAgeMs, clock: () => now });
  const kpiStatements = () => counter.texts().filter(isKpiStatement).length;
  return { cache, pool: counter.pool, kpiStatements, advance: (ms: number) => (now += ms) };
}

describe("createKpiCache", () => {
  it("computes once per max age, for sequential and concurrent requests alike", async () => {
    const { cache, pool, kpiStatements, advance } = setup();
    const [first, concurrent] = await Promise.all([cache.get(pool, "public"), cache.get(pool, "public")]);
    expect(kpiStatements()).toBe(2); // learners + one level, once
    expect(concurrent).toBe(first);
    expect(first.kpis.levels[0]).toMatchObject({ level: "a1", started: 2, completed: 1 });
    expect(first.kpis.generatedAt).toBe("2026-03-11T12:00:00.000Z");
    expect(first.durationMs).toBeGreaterThanOrEqual(0);

    advance(999);
    expect(await cache.get(pool, "public")).toBe(first);
    expect(kpiStatements()).toBe(2);

    advance(1);
    const later = await cache.get(pool, "public");
    expect(kpiStatements()).toBe(4);
    expect(later.kpis.generatedAt).toBe("2026-03-11T12:00:01.000Z");
  });

  it("recomputes at once when the level settings change", async () => {
    const { cache, pool, kpiStatements } = setup(60_000);
    expect((await cache.get(pool, "public")).kpis.levels[0]?.completed).toBe(1);
    await db.pool.query("update crm_sync.level_settings set unit_total = 1 where level = 'a1'");
    try {
      expect((await cache.get(pool, "public")).kpis.levels[0]?.completed).toBe(2);
      expect(kpiStatements()).toBe(4);
    } finally {
      await db.pool.query("update crm_sync.level_settings set unit_total = 2 where level = 'a1'");
    }
  });

  it("does not keep a failed computation", async () => {
    const cache = createKpiCache({ maxAgeMs: 60_000, clock: () => 0 });
    let failures = 1;
    const flaky: Queryable = {
      query: (text, values) => {
        if (isKpiStatement(text) && failures > 0) {
          failures -= 1;
          return Promise.reject(new Error("connection lost"));
        }
        return db.pool.query(text, values);
      },
    };
    await expect(cache.get(flaky, "public")).rejects.toThrow("connection lost");
    expect((await cache.get(flaky, "public")).kpis.levels[0]?.started).toBe(2);
  });
});
