/**
 * Capture follows the level settings (triggers installed on enable, removed on disable), every
 * event reaches the queue, and a database role without the TRIGGER privilege falls back to full
 * aggregation (full_scan, with the reason) instead of failing: discovery, install and a dry run
 * all run as that role.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerAndPlanLevels, runSync } from "@/lib/sync";
import { updateLevelSetting } from "@/lib/settings/update-level-setting";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { addLearners, addProgress, createLevel } from "@/test/support/sync/source-fixtures";
import { readCaptureStates } from "./ensure-capture";
import { installLevelCapture } from "./install-level-capture";

let db: TestDatabase;
const actor = { label: "test-admin" };

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

async function triggersOn(table: string): Promise<string[]> {
  const { rows } = await db.pool.query(
    "select tgname::text as name from pg_trigger where tgrelid = $1::regclass and tgname like 'crm_sync_capture%' order by 1",
    [table],
  );
  return rows.map((row) => String(row.name));
}

describe("change capture install", () => {
  it("installs triggers when a level is enabled and removes them when it is disabled", async () => {
    await createLevel(db.pool, "a1");
    await db.pool.query("update crm_sync.settings set auto_enable_new_levels = false");
    await registerAndPlanLevels(db.pool);
    expect(await triggersOn("public.a1_progress")).toEqual([]);
    await updateLevelSetting(db.pool, actor, { level: "a1", enabled: true });
    const all = ["crm_sync_capture_del", "crm_sync_capture_ins", "crm_sync_capture_trunc", "crm_sync_capture_upd"];
    expect(await triggersOn("public.a1_progress")).toEqual(all);
    expect(await triggersOn("public.a1_milestones")).toEqual(all);
    expect((await readCaptureStates(db.pool)).get("a1")).toMatchObject({
      mode: "triggers",
      reason: null,
      factsBuiltAt: null,
    });

    const [learner] = await addLearners(db.pool, [{ email: "q@example.com" }]);
    await addProgress(db.pool, "a1", [{ userId: learner!, unitId: 1 }]);
    await db.pool.query("update public.a1_progress set accuracy = 50"); // updated_at untouched
    await db.pool.query("delete from public.a1_progress");
    const { rows } = await db.pool.query(
      "select user_id::text as user_id, level from crm_sync.change_queue order by id",
    );
    expect(rows).toEqual(Array.from({ length: 3 }, () => ({ user_id: learner, level: "a1" })));

    await updateLevelSetting(db.pool, actor, { level: "a1", enabled: false });
    expect(await triggersOn("public.a1_progress")).toEqual([]);
    expect(await triggersOn("public.a1_milestones")).toEqual([]);
    expect((await readCaptureStates(db.pool)).has("a1")).toBe(false);
  });

  it("re-creates a capture trigger someone disabled, and builds the level's facts again in a full pass", async () => {
    await createLevel(db.pool, "c1");
    await db.pool.query("update crm_sync.settings set auto_enable_new_levels = true");
    const [learner] = await addLearners(db.pool, [{ email: "c1.learner@example.com" }]);
    await addProgress(db.pool, "c1", [{ userId: learner!, unitId: 1, accuracy: 80 }]);
    await runSync({ pool: db.pool, hubspot: null, mode: "dry_run", trigger: "cli", actor });
    expect((await readCaptureStates(db.pool)).get("c1")?.factsBuiltAt).not.toBeNull();

    // Disabled by hand (or ENABLE REPLICA): edits meanwhile never reach the queue.
    await db.pool.query("alter table public.c1_progress disable trigger crm_sync_capture_upd");
    const plan = await registerAndPlanLevels(db.pool);
    const c1 = plan.aggregation.find((input) => input.source.level === "c1")!;
    expect(await installLevelCapture(db.pool, c1.source)).toMatchObject({ mode: "triggers", isNewlyInstalled: true });
    const { rows } = await db.pool.query(
      "select tgenabled::text as enabled from pg_trigger where tgrelid = 'public.c1_progress'::regclass and tgname = 'crm_sync_capture_upd'",
    );
    expect(rows).toEqual([{ enabled: "O" }]);
    // Facts no longer trusted: the next run re-aggregates the whole level, as after a first install.
    expect((await readCaptureStates(db.pool)).get("c1")?.factsBuiltAt).toBeNull();
  });

  it("falls back to full aggregation, with the reason, for a role that may not create triggers", async () => {
    await createLevel(db.pool, "b2");
    await db.pool.query("update crm_sync.settings set auto_enable_new_levels = true");
    const role = `capture_limited_${randomBytes(4).toString("hex")}`;
    const password = randomBytes(12).toString("hex");
    // Like the app's role (it bypasses RLS on crm_sync) but without TRIGGER on the customer's tables.
    await db.pool.query(`create role ${role} login bypassrls password '${password}'`);
    await db.pool.query(`grant usage on schema crm_sync, public, auth to ${role}`);
    await db.pool.query(`grant select, insert, update, delete on all tables in schema crm_sync to ${role}`);
    await db.pool.query(`grant select on all tables in schema public, auth to ${role}`);
    await db.pool.query(
      `grant usage on all sequences in schema crm_sync to ${role}; grant execute on all functions in schema crm_sync to ${role}`,
    );
    const url = new URL(db.url);
    url.username = role;
    url.password = password;
    const limited = new pg.Pool({ connectionString: url.toString(), max: 2 });
    try {
      const plan = await registerAndPlanLevels(limited);
      const b2 = plan.aggregation.find((input) => input.source.level === "b2")!;
      const result = await installLevelCapture(limited, b2.source);
      expect(result).toMatchObject({ mode: "full_scan", isNewlyInstalled: false });
      expect(result.reason).toMatch(/TRIGGER privilege/);
      expect(await triggersOn("public.b2_progress")).toEqual([]);

      const dry = await runSync({
        pool: limited,
        hubspot: null,
        mode: "dry_run",
        trigger: "cli",
        actor,
        levels: ["b2"],
      });
      expect(dry.status).toBe("succeeded");
      const { rows } = await db.pool.query("select mode, reason from crm_sync.run_selection where run_id = $1", [
        dry.runId,
      ]);
      expect(rows[0]?.mode).toBe("all");
      expect((await readCaptureStates(db.pool)).get("b2")).toMatchObject({ mode: "full_scan" });
    } finally {
      await limited.end();
      await db.pool.query(`drop owned by ${role}; drop role ${role}`);
    }
  });
});
