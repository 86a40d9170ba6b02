import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createLevelTables } from "@/sandbox/seed/create-level-tables";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { SettingsError } from "./settings-error";
import { updateLevelSetting } from "./update-level-setting";

const actor = { id: "00000000-0000-4000-8000-0000000000aa", label: "admin@school.test" };

describe("updateLevelSetting", () => {
  let db: TestDatabase;
  const audit = async () =>
    (await db.pool.query("select actor_id, actor_label, action, target, details from crm_sync.audit_log order by id"))
      .rows;
  const level = async (name: string) =>
    (
      await db.pool.query("select enabled, unit_total, updated_by from crm_sync.level_settings where level = $1", [
        name,
      ])
    ).rows[0];

  beforeAll(async () => {
    db = await createTestDatabase();
    await createLevelTables(db.pool, "public", ["a1", "b1"]);
    // A table missing the required unit_id column: discovered, but incompatible.
    await db.pool.query("create table public.zz_progress (user_id uuid not null, completed boolean)");
  });
  afterAll(async () => db.drop());
  beforeEach(async () => {
    await db.pool.query("delete from crm_sync.audit_log; delete from crm_sync.level_settings");
    await db.pool.query("insert into crm_sync.level_settings (level, enabled, unit_total) values ('a1', true, 20)");
  });

  it("disables a level and audits who changed what, before and after", async () => {
    const change = await updateLevelSetting(db.pool, actor, { level: "a1", enabled: false });
    expect(change).toMatchObject({
      isChanged: true,
      before: { enabled: true, unitTotal: 20 },
      after: { enabled: false, unitTotal: 20 },
    });
    expect(await level("a1")).toEqual({ enabled: false, unit_total: 20, updated_by: actor.id });
    expect(await audit()).toEqual([
      {
        actor_id: actor.id,
        actor_label: actor.label,
        action: "level.update",
        target: "a1",
        details: { before: { enabled: true, unitTotal: 20 }, after: { enabled: false, unitTotal: 20 } },
      },
    ]);
  });

  it("sets and clears the unit total", async () => {
    await updateLevelSetting(db.pool, actor, { level: "a1", unitTotal: 35 });
    expect(await level("a1")).toMatchObject({ enabled: true, unit_total: 35 });
    await updateLevelSetting(db.pool, actor, { level: "a1", unitTotal: null });
    expect(await level("a1")).toMatchObject({ unit_total: null });
    expect((await audit()).map((row) => row.details.after)).toEqual([
      { enabled: true, unitTotal: 35 },
      { enabled: true, unitTotal: null },
    ]);
  });

  it("registers a discovered level that has no settings row yet", async () => {
    const change = await updateLevelSetting(db.pool, actor, { level: "b1", enabled: true, unitTotal: 12 });
    expect(change.before).toBeNull();
    expect(await level("b1")).toMatchObject({ enabled: true, unit_total: 12 });
    expect(await audit()).toHaveLength(1);
  });

  it("writes nothing when nothing changes", async () => {
    const change = await updateLevelSetting(db.pool, actor, { level: "a1", enabled: true, unitTotal: 20 });
    expect(change.isChanged).toBe(false);
    expect(await audit()).toEqual([]);
  });

  it("refuses an unknown level without touching anything", async () => {
    const error = await updateLevelSetting(db.pool, actor, { level: "x9", enabled: true }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(SettingsError);
    expect(error).toMatchObject({ code: "unknown_level", message: expect.stringContaining("x9_progress") });
    expect(await level("x9")).toBeUndefined();
    expect(await audit()).toEqual([]);
  });

  it("refuses to enable an incompatible table, naming the reason", async () => {
    await expect(updateLevelSetting(db.pool, actor, { level: "zz", enabled: true })).rejects.toMatchObject({
      code: "incompatible_level",
      message: expect.stringContaining("unit_id"),
    });
  });

  it.each([
    [{ level: "a1", unitTotal: 0 }, "at least 1"],
    [{ level: "a1", unitTotal: 100_001 }, "at most 100000"],
    [{ level: "a1", unitTotal: 2.5 }, "whole number"],
    [{ level: "A1; drop", enabled: true }, "level keys look like a1 or pre_a1"],
    [{ level: "a1" }, "nothing to change"],
    [{ level: "a1", enabled: "yes" }, "enabled"],
  ])("validates %j", async (input, message) => {
    await expect(updateLevelSetting(db.pool, actor, input)).rejects.toMatchObject({
      code: "invalid_input",
      message: expect.stringContaining(message),
    });
    expect(await level("a1")).toMatchObject({ enabled: true, unit_total: 20 });
  });
});
