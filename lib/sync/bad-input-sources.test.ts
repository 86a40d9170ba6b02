/**
 * Issue #5 bad input at the engine level, part 2: hostile or broken level tables and HubSpot
 * surprises. Each case asserts what the product does and that the good learner still lands.
 */
import { describe, expect, it } from "vitest";
import { planSync } from "./plan/plan-sync";
import { runSync } from "./run-sync";
import { SyncRunFailedError } from "./sync-errors";
import { learnersWith } from "@/test/support/sync/bad-input-fixtures";
import { rewritingTransport } from "@/test/support/sync/rewriting-transport";
import { createLevel } from "@/test/support/sync/source-fixtures";
import { setUpSyncHarness } from "@/test/support/sync/sync-harness";

const h = setUpSyncHarness();

describe("bad level tables", () => {
  it("level tables missing user_id or unit_id: reported incompatible with the reason, skipped", async () => {
    await createLevel(h.db.pool, "a2", { columns: "unit_id int, completed boolean", hasMilestones: false });
    await createLevel(h.db.pool, "b2", { columns: "user_id uuid, completed boolean", hasMilestones: false });
    await learnersWith(h, []);
    const plan = await planSync({ pool: h.db.pool, hubspot: null });
    expect(plan.enabledLevels).toEqual(["a1"]);
    const reasons = Object.fromEntries(plan.discovery.levels.map((level) => [level.level, level.progress.reasons]));
    expect(reasons.a2).toContain("missing required column user_id (uuid)");
    expect(reasons.b2).toContain("missing required column unit_id");
    const live = await runSync(h.options());
    expect(live).toMatchObject({ status: "succeeded", levels: ["a1"], summary: { upserted: 1 } });
  });

  it("table names with capitals, spaces or quotes: ignored with a reason, the rest syncs", async () => {
    for (const name of ["B1_progress", "my level_progress", 'it"s_progress', "it's_progress"]) {
      await h.db.pool.query(
        `create table public."${name.replaceAll('"', '""')}" (user_id uuid, unit_id int, completed boolean)`,
      );
    }
    await learnersWith(h, []);
    const plan = await planSync({ pool: h.db.pool, hubspot: null });
    expect(plan.discovery.ignoredTables.map((table) => table.table).sort()).toEqual([
      "B1_progress",
      'it"s_progress',
      "it's_progress",
      "my level_progress",
    ]);
    expect(plan.discovery.ignoredTables.every((table) => table.reason.length > 0)).toBe(true);
    expect(await runSync(h.options())).toMatchObject({ status: "succeeded", levels: ["a1"], summary: { upserted: 1 } });
  });

  it("a level name crafted as SQL injection: ignored, never interpolated, the database intact", async () => {
    await h.db.pool.query("create table public.x (id int)");
    await h.db.pool.query("insert into public.x values (1)");
    for (const name of ["a1; drop table x; --_progress", 'x"; drop table x; --_progress', "a1' or '1'='1_milestones"]) {
      await h.db.pool.query(
        `create table public."${name.replaceAll('"', '""')}" (user_id uuid, unit_id int, completed boolean, milestone text)`,
      );
    }
    await learnersWith(h, []);
    const plan = await planSync({ pool: h.db.pool, hubspot: null });
    expect(plan.enabledLevels).toEqual(["a1"]);
    expect(plan.discovery.ignoredTables.map((table) => table.table)).toEqual(
      expect.arrayContaining(["a1; drop table x; --_progress", 'x"; drop table x; --_progress']),
    );
    expect(await runSync(h.options())).toMatchObject({ status: "succeeded", summary: { upserted: 1 } });
    expect((await h.db.pool.query("select count(*)::int as n from public.x")).rows[0].n).toBe(1);
    await h.db.pool.query("drop table public.x");
  });

  it("a milestones table without a progress table: reported as orphan, the rest syncs", async () => {
    await h.db.pool.query("create table public.c2_milestones (user_id uuid, milestone text, achieved_at timestamptz)");
    await learnersWith(h, []);
    const plan = await planSync({ pool: h.db.pool, hubspot: null });
    expect(plan.discovery.orphanMilestones).toEqual([{ table: "c2_milestones", level: "c2" }]);
    expect(await runSync(h.options())).toMatchObject({ status: "succeeded", levels: ["a1"], summary: { upserted: 1 } });
  });
});

describe("HubSpot surprises", () => {
  it("an enumeration missing options: the options are added, existing ones kept", async () => {
    await createLevel(h.db.pool, "b1");
    await learnersWith(h, []);
    await runSync(h.options({ mode: "dry_run" })); // registers the levels
    await runSync(h.options());
    const current = h.standIn.state.getProperty("current_active_level")!;
    h.standIn.state.saveProperty({
      ...current,
      options: current.options
        .filter((option) => option.value === "a1")
        .concat([{ label: "Legacy", value: "legacy", displayOrder: 9, hidden: false }]),
    });
    const plan = await runSync(h.options({ mode: "dry_run" }));
    expect(plan.document.propertyPlan.find((item) => item.name === "current_active_level")?.action).toBe(
      "update_options",
    );
    await runSync(h.options({ full: true }));
    expect(
      h.standIn.state
        .getProperty("current_active_level")
        ?.options.map((option) => option.value)
        .sort(),
    ).toEqual(["a1", "b1", "legacy"]);
  });

  it("a property group that exists with another label: kept as is, properties created in it, sync works", async () => {
    h.standIn.state.saveGroup({ name: "level_progress", label: "Our own label", displayOrder: 3, archived: false });
    await learnersWith(h, []);
    const live = await runSync(h.options());
    expect(live).toMatchObject({ status: "succeeded", summary: { upserted: 1 } });
    expect(h.standIn.state.getGroup("level_progress")?.label).toBe("Our own label");
    expect(h.standIn.state.getProperty("level_a1_status")?.groupName).toBe("level_progress");
  });

  it("an upsert answer with unexpected extra fields: ignored, contacts recorded", async () => {
    await learnersWith(h, ["other@example.com"]);
    const transport = rewritingTransport(h.standIn.url, "demo-hubspot-token", (body) => ({
      ...body,
      surprise: { nested: [1, 2] },
      results: (body.results as Record<string, unknown>[]).map((result) => ({ ...result, extra: "field" })),
    }));
    const live = await runSync(h.options({ hubspot: h.client({ transport }) }));
    expect(live).toMatchObject({ status: "succeeded", summary: { upserted: 2, failed: 0 } });
    expect((await h.db.pool.query("select count(*)::int as n from crm_sync.contact_state")).rows[0].n).toBe(2);
  });

  it("an upsert answer missing its results: the run fails with a clear reason and nothing is recorded as synced", async () => {
    await learnersWith(h, ["other@example.com"]);
    const transport = rewritingTransport(h.standIn.url, "demo-hubspot-token", ({ results: _results, ...rest }) => rest);
    const failure = await runSync(h.options({ hubspot: h.client({ transport, maxAttempts: 2 }) })).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(SyncRunFailedError);
    expect((failure as SyncRunFailedError).reason).toBe("hubspot_unavailable");
    expect((failure as Error).message).toMatch(/batch\/upsert answered 200 with an unexpected shape/);
    expect((await h.db.pool.query("select count(*)::int as n from crm_sync.contact_state")).rows[0].n).toBe(0);
    const later = await runSync(h.options({ staleAfterMs: 1 }));
    expect(later).toMatchObject({ status: "succeeded" });
    expect((await h.db.pool.query("select count(*)::int as n from crm_sync.contact_state")).rows[0].n).toBe(2);
  });
});
