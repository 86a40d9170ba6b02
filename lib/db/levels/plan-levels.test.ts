import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { createLevel, resetSyncDatabase } from "@/test/support/sync/source-fixtures";
import { computeKpis } from "@/lib/db/kpis";
import { loadLevelsOverview } from "@/lib/settings/load-levels-overview";
import { readLevelPlan, registerAndPlanLevels } from "./plan-levels";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterEach(() => resetSyncDatabase(db.pool));
afterAll(() => db.drop());

const registered = async () =>
  (await db.pool.query("select level, enabled from crm_sync.level_settings order by level")).rows;

describe("readLevelPlan", () => {
  it("shows newly discovered levels as the sync will register them, and writes nothing", async () => {
    for (const level of ["a1", "b1", "old_a1"]) await createLevel(db.pool, level);
    await db.pool.query("insert into crm_sync.level_settings (level, enabled, unit_total) values ('a1', true, 12)");
    const before = await registered();

    const read = await readLevelPlan(db.pool, "public");
    expect(await registered()).toEqual(before);
    expect(read.addedLevels).toEqual(["b1", "old_a1"]);
    expect(read.enabledLevels).toEqual(["a1", "b1"]);
    expect(read.levelSettings.map(({ level, enabled, unitTotal }) => ({ level, enabled, unitTotal }))).toEqual([
      { level: "a1", enabled: true, unitTotal: 12 },
      { level: "b1", enabled: true, unitTotal: null },
      { level: "old_a1", enabled: false, unitTotal: null },
    ]);

    const written = await registerAndPlanLevels(db.pool, "public");
    expect(written.addedLevels).toEqual(read.addedLevels);
    expect(written.enabledLevels).toEqual(read.enabledLevels);
    expect(written.aggregation).toEqual(read.aggregation);
    expect(await registered()).toEqual([
      { level: "a1", enabled: true },
      { level: "b1", enabled: true },
      { level: "old_a1", enabled: false },
    ]);
    expect((await readLevelPlan(db.pool, "public")).addedLevels).toEqual([]);
  });
});

describe("page views register nothing", () => {
  it("the dashboard KPIs and the settings levels card leave crm_sync.level_settings untouched", async () => {
    await createLevel(db.pool, "a2");
    const kpis = await computeKpis(db.pool, { sourceSchema: "public" });
    expect(kpis.levels.map((level) => level.level)).toEqual(["a2"]);
    const overview = await loadLevelsOverview(db.pool, "public");
    expect(JSON.stringify(overview)).toContain("a2");
    expect(await registered()).toEqual([]);
  });
});
