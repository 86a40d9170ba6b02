import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { createLevel, resetSyncDatabase } from "@/test/support/sync/source-fixtures";
import { discoverLevels } from "./discover-levels";
import { registerDiscoveredLevels } from "./level-settings";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterEach(() => resetSyncDatabase(db.pool));
afterAll(() => db.drop());

describe("discoverLevels", () => {
  it("finds level tables by pattern, in CEFR order, including names with underscores", async () => {
    for (const level of ["b1", "business_english", "a1", "pre_a1"]) await createLevel(db.pool, level);
    const report = await discoverLevels(db.pool, "public");
    expect(report.levels.map((level) => level.level)).toEqual(["pre_a1", "a1", "b1", "business_english"]);
    expect(report.levels.every((level) => level.progress.isCompatible && level.milestones?.isCompatible)).toBe(true);
    const a1 = report.levels.find((level) => level.level === "a1")!;
    expect(a1.source?.columns).toMatchObject({
      hasCompleted: true,
      accuracy: "numeric",
      timeSpent: "numeric",
      activity: { name: "updated_at" },
    });
    expect(a1.source?.milestones?.table).toBe("a1_milestones");
  });

  it("reports a table missing a required column as incompatible, with the reason", async () => {
    await createLevel(db.pool, "a2", {
      columns: "user_id uuid not null, accuracy numeric, updated_at timestamptz",
      hasMilestones: false,
    });
    await createLevel(db.pool, "b2", { columns: "user_id text, unit_id int, completed boolean", hasMilestones: false });
    const report = await discoverLevels(db.pool, "public");
    const [a2, b2] = report.levels;
    expect(a2?.source).toBeNull();
    expect(a2?.progress.reasons).toEqual([
      "missing required column unit_id",
      "needs completed (boolean) or completed_at (timestamptz)",
    ]);
    expect(b2?.progress.reasons).toEqual(["user_id must be uuid, found text"]);
  });

  it("ignores names that are not valid level keys and says why", async () => {
    await db.pool.query(`create table public."A1_progress" (user_id uuid, unit_id int, completed boolean)`);
    await db.pool.query(`create table public."my level_progress" (user_id uuid, unit_id int, completed boolean)`);
    await db.pool.query(`create table public."x""y_progress" (user_id uuid, unit_id int, completed boolean)`);
    await db.pool.query(`create table public."1a_progress" (user_id uuid, unit_id int, completed boolean)`);
    const report = await discoverLevels(db.pool, "public");
    expect(report.levels).toEqual([]);
    expect(report.ignoredTables).toEqual(
      expect.arrayContaining([
        { table: "A1_progress", reason: "level names must be lower case" },
        { table: "my level_progress", reason: "level names cannot contain spaces" },
        { table: 'x"y_progress', reason: "level names cannot contain quotes" },
        { table: "1a_progress", reason: "level names must start with a letter" },
      ]),
    );
  });

  it("reports milestones without a progress table and incompatible milestone tables", async () => {
    await db.pool.query("create table public.c2_milestones (user_id uuid, milestone text, achieved_at timestamptz)");
    await createLevel(db.pool, "c1", { hasMilestones: false });
    await db.pool.query("create table public.c1_milestones (user_id uuid, label text)");
    const report = await discoverLevels(db.pool, "public");
    expect(report.orphanMilestones).toEqual([{ table: "c2_milestones", level: "c2" }]);
    const c1 = report.levels[0]!;
    expect(c1.source?.milestones).toBeNull();
    expect(c1.milestones?.reasons).toEqual(["missing required column milestone (text)"]);
  });

  it("accepts text accuracy and completed_at-only tables, warns about ignored columns and missing indexes", async () => {
    await db.pool.query(
      `create table public.a1_progress (user_id uuid, unit_id text, completed_at timestamp, accuracy text, time_spent_seconds jsonb, created_at date)`,
    );
    const [a1] = (await discoverLevels(db.pool, "public")).levels;
    expect(a1?.source?.columns).toEqual({
      unitIdSortable: true,
      hasCompleted: false,
      completedAt: { name: "completed_at", type: "timestamp" },
      accuracy: "text",
      timeSpent: null,
      activity: { name: "created_at", type: "date" },
    });
    expect(a1?.progress.warnings).toEqual(
      expect.arrayContaining([
        "time_spent_seconds ignored: type jsonb is not numeric or text",
        expect.stringContaining("no index starting with user_id"),
      ]),
    );
  });

  it("only looks in the configured schema", async () => {
    await db.pool.query("create schema learning");
    await createLevel(db.pool, "a1", { schema: "learning" });
    expect((await discoverLevels(db.pool, "public")).levels).toEqual([]);
    expect((await discoverLevels(db.pool, "learning")).levels.map((level) => level.level)).toEqual(["a1"]);
    await db.pool.query("drop schema learning cascade");
  });
});

describe("registerDiscoveredLevels", () => {
  it("auto-enables only CEFR-looking names; backups and other names wait for an admin", async () => {
    const { settings } = await registerDiscoveredLevels(db.pool, [
      "a1",
      "b1_business",
      "pre_a1",
      "old_a1",
      "a1backup",
      "business_english",
      "c3",
    ]);
    expect(Object.fromEntries(settings.map(({ level, enabled }) => [level, enabled]))).toEqual({
      pre_a1: true,
      a1: true,
      b1_business: true,
      a1backup: false,
      business_english: false,
      c3: false,
      old_a1: false,
    });
  });

  it("registers new levels once, enabled according to auto_enable_new_levels", async () => {
    const first = await registerDiscoveredLevels(db.pool, ["a1", "b1"]);
    expect(first.added).toEqual(["a1", "b1"]);
    await db.pool.query("update crm_sync.settings set auto_enable_new_levels = false");
    await db.pool.query("update crm_sync.level_settings set enabled = false where level = 'b1'");
    const second = await registerDiscoveredLevels(db.pool, ["pre_a1", "a1", "b1"]);
    expect(second.added).toEqual(["pre_a1"]);
    expect(second.settings.map(({ level, enabled }) => ({ level, enabled }))).toEqual([
      { level: "pre_a1", enabled: false },
      { level: "a1", enabled: true },
      { level: "b1", enabled: false },
    ]);
  });
});
