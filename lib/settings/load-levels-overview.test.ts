import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLevelTables } from "@/sandbox/seed/create-level-tables";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { findLastCronRun } from "./check-connections";
import { loadLevelsOverview } from "./load-levels-overview";

describe("loadLevelsOverview", () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    await createLevelTables(db.pool, "public", ["a1", "b1"]);
    await db.pool.query("insert into auth.users (email) values ('x@school.test'), ('y@school.test')");
    await db.pool.query(
      `insert into public.a1_progress (user_id, unit_id, completed)
       select id, unit, true from auth.users, generate_series(1, 3) as unit`,
    );
    await db.pool.query("create table public.zz_progress (user_id uuid not null)");
    await db.pool.query(
      "insert into crm_sync.level_settings (level, enabled, unit_total) values ('a1', true, 20), ('gone', true, null)",
    );
    await db.pool.query("update crm_sync.settings set auto_enable_new_levels = false");
  });
  afterAll(async () => db.drop());

  it("lists every discovered table with counts, settings and why a table cannot be used", async () => {
    const overview = await loadLevelsOverview(db.pool);
    expect(overview.settings).toEqual({ autoEnableNewLevels: false, completionMilestoneKey: "level_completed" });
    expect(overview.levels.map((level) => level.level)).toEqual(["a1", "b1", "zz"]);
    expect(overview.levels[0]).toMatchObject({
      table: "a1_progress",
      isCompatible: true,
      enabled: true,
      unitTotal: 20,
      rows: 6,
      learners: 2,
    });
    // b1 is registered on discovery, disabled because auto-enable is off.
    expect(overview.levels[1]).toMatchObject({
      isCompatible: true,
      isRegistered: true,
      enabled: false,
      rows: 0,
      learners: 0,
    });
    expect(overview.levels[2]).toMatchObject({
      isCompatible: false,
      isRegistered: false,
      enabled: false,
      learners: null,
    });
    expect(overview.levels[2]?.reasons.join(" ")).toContain("unit_id");
    expect(overview.missingLevels).toEqual(["gone"]);
  });

  it("counts the level tables once for twenty viewers opening the page at once", async () => {
    let counts = 0;
    // The pool, counting the statements that scan level tables (count(*) / count(distinct user_id)).
    const counting = new Proxy(db.pool, {
      get(target, property, receiver) {
        if (property !== "query") return Reflect.get(target, property, receiver);
        return (text: string, values?: unknown[]) => {
          if (/count\((\*|distinct user_id)\)::float8/.test(text)) counts += 1;
          return target.query(text, values);
        };
      },
    });
    await db.pool.query("create schema if not exists busy");
    await createLevelTables(db.pool, "busy", ["a1"]);
    const overviews = await Promise.all(Array.from({ length: 20 }, () => loadLevelsOverview(counting, "busy")));
    await loadLevelsOverview(counting, "busy");
    expect(overviews.every((overview) => overview.levels[0]?.rows === 0)).toBe(true);
    // One statement for the row counts and one for the learners, shared by all 21 views.
    expect(counts).toBe(2);
  });

  it("finds the latest cron run only", async () => {
    expect(await findLastCronRun(db.pool)).toBeNull();
    await db.pool.query(
      `insert into crm_sync.runs (mode, trigger, started_by_label, status, started_at) values
         ('live', 'cron', 'cron', 'succeeded', now() - interval '2 hours'),
         ('live', 'cron', 'cron', 'partial', now() - interval '1 hour'),
         ('live', 'ui', 'admin', 'succeeded', now())`,
    );
    expect(await findLastCronRun(db.pool)).toMatchObject({ status: "partial", finishedAt: null });
  });
});
