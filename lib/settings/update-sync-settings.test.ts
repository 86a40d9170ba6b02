import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { updateSyncSettings } from "./update-sync-settings";

const actor = { id: "00000000-0000-4000-8000-0000000000aa", label: "admin@school.test" };

describe("updateSyncSettings", () => {
  let db: TestDatabase;
  const settings = async () =>
    (await db.pool.query("select auto_enable_new_levels, completion_milestone_key, updated_by from crm_sync.settings"))
      .rows[0];
  const audit = async () =>
    (await db.pool.query("select actor_label, action, target, details from crm_sync.audit_log order by id")).rows;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db.drop());
  beforeEach(async () => {
    await db.pool.query(
      "delete from crm_sync.audit_log; update crm_sync.settings set auto_enable_new_levels = true, completion_milestone_key = 'level_completed', removed_learners = 'keep'",
    );
  });

  it("changes the milestone key and auto-enable, with one audit row holding before and after", async () => {
    const change = await updateSyncSettings(db.pool, actor, {
      autoEnableNewLevels: false,
      completionMilestoneKey: " course.done-1 ",
    });
    expect(change.isChanged).toBe(true);
    expect(await settings()).toEqual({
      auto_enable_new_levels: false,
      completion_milestone_key: "course.done-1",
      updated_by: actor.id,
    });
    expect(await audit()).toEqual([
      {
        actor_label: actor.label,
        action: "settings.update",
        target: "sync_settings",
        details: {
          before: { autoEnableNewLevels: true, completionMilestoneKey: "level_completed", removedLearners: "keep" },
          after: { autoEnableNewLevels: false, completionMilestoneKey: "course.done-1", removedLearners: "keep" },
        },
      },
    ]);
  });

  it("switches removed learners between keep and clear, audited", async () => {
    const change = await updateSyncSettings(db.pool, actor, { removedLearners: "clear" });
    expect(change).toMatchObject({
      isChanged: true,
      before: { removedLearners: "keep" },
      after: { removedLearners: "clear" },
    });
    expect((await db.pool.query("select removed_learners from crm_sync.settings")).rows[0]).toEqual({
      removed_learners: "clear",
    });
    expect(await audit()).toEqual([
      expect.objectContaining({
        action: "settings.update",
        details: expect.objectContaining({ after: expect.objectContaining({ removedLearners: "clear" }) }),
      }),
    ]);
  });

  it("writes no audit row when nothing changes", async () => {
    expect((await updateSyncSettings(db.pool, actor, { autoEnableNewLevels: true })).isChanged).toBe(false);
    expect(await audit()).toEqual([]);
  });

  it.each([
    [{ completionMilestoneKey: "" }, "is required"],
    [{ completionMilestoneKey: "x".repeat(101) }, "at most 100"],
    [{ completionMilestoneKey: "level completed" }, "may only contain"],
    [{ completionMilestoneKey: "ünit" }, "may only contain"],
    [{}, "nothing to change"],
    [{ autoEnableNewLevels: "true" }, "autoEnableNewLevels"],
    [{ autoEnableNewLevels: true, extra: 1 }, "extra"],
    [{ removedLearners: "delete" }, "removedLearners"],
  ])("validates %j", async (input, message) => {
    await expect(updateSyncSettings(db.pool, actor, input)).rejects.toMatchObject({
      code: "invalid_input",
      message: expect.stringContaining(message),
    });
    expect(await settings()).toMatchObject({
      auto_enable_new_levels: true,
      completion_milestone_key: "level_completed",
    });
  });
});
