import { describe, expect, it } from "vitest";
import { countStatements } from "@/lib/db/count-statements";
import { runSync } from "./run-sync";
import type { SyncOptions } from "./sync-types";
import { addLearners, addProgress, createLevel, seedSimpleLearners } from "@/test/support/sync/source-fixtures";
import { standInContacts, setUpSyncHarness } from "@/test/support/sync/sync-harness";

const h = setUpSyncHarness();

describe("runSync", () => {
  it("handles zero learners in both modes", async () => {
    await createLevel(h.db.pool, "a1");
    const dry = await runSync(h.options({ mode: "dry_run" }));
    expect(dry.document).toMatchObject({
      mode: "dry_run",
      levels: ["a1"],
      summary: { learners: 0, toUpsert: 0, unchanged: 0, invalid: 0 },
      batches: [],
      issues: [],
    });
    const live = await runSync(h.options({ mode: "live" }));
    expect(live).toMatchObject({ status: "succeeded", continuing: false, writeCalls: 0, summary: { learners: 0 } });
  });

  it("posts byte-for-byte the bodies the dry run returned", async () => {
    await createLevel(h.db.pool, "a1");
    await createLevel(h.db.pool, "b1");
    await seedSimpleLearners(h.db.pool, 230, ["a1", "b1"]);
    const dry = await runSync(h.options({ mode: "dry_run", batchSize: 70 }));
    expect(dry.document.propertyPlan.map((item) => item.action)).toEqual(Array(10).fill("create"));
    expect(dry.document.batches.map((batch) => batch.inputs.length)).toEqual([100, 100, 30]);
    h.proxy.clear();
    const live = await runSync(h.options({ mode: "live", batchSize: 70 }));
    expect(live.summary).toMatchObject({ learners: 230, upserted: 230, failed: 0 });
    // Same bytes; arrival order may differ because up to 3 batches are in flight at once.
    expect(h.proxy.upsertBodies().sort()).toEqual(dry.document.batches.map((batch) => JSON.stringify(batch)).sort());
    const contacts = standInContacts(h.standIn);
    expect(contacts.get("learner1@example.com")).toMatchObject({
      level_a1_units_completed: "2",
      level_a1_accuracy: "75",
      level_b1_status: "in_progress",
      current_active_level: "b1",
      total_study_time: "30",
    });
  });

  it("dry run without HubSpot plans unverified properties and writes nothing", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 3, ["a1"]);
    const dry = await runSync(h.options({ mode: "dry_run", hubspot: null }));
    expect(new Set(dry.document.propertyPlan.map((item) => item.action))).toEqual(new Set(["unverified"]));
    expect(dry.document.batches[0]?.inputs).toHaveLength(3);
    expect(h.proxy.requests()).toEqual([]);
    const { rows } = await h.db.pool.query("select count(*)::int as n from crm_sync.contact_state");
    expect(rows[0].n).toBe(0);
  });

  it("skips unchanged contacts and packs changed ones into full batches across database batches", async () => {
    await createLevel(h.db.pool, "a1");
    const ids = await seedSimpleLearners(h.db.pool, 450, ["a1"]);
    await runSync(h.options({ batchSize: 100 }));
    const again = await runSync(h.options({ batchSize: 100 }));
    // Nothing changed: the run streams only changed learners (change capture) and sends nothing.
    expect(again).toMatchObject({ writeCalls: 0, summary: { upserted: 0 } });
    // 5 learners spread over different database batches: one call, not five.
    const changed = [ids[3], ids[120], ids[250], ids[330], ids[449]] as string[];
    await h.db.pool.query(
      "update public.a1_progress set completed = true where user_id = any($1::uuid[]) and unit_id = 3",
      [changed],
    );
    const third = await runSync(h.options({ batchSize: 100 }));
    expect(third).toMatchObject({ writeCalls: 1, summary: { upserted: 5 } });
    const full = await runSync(h.options({ batchSize: 100, full: true }));
    expect(full).toMatchObject({ writeCalls: 5, summary: { upserted: 450, unchanged: 0 } });
  });

  it("never sends invalid emails and sends one learner per case-insensitive email, run-wide", async () => {
    await createLevel(h.db.pool, "a1");
    const [older, newer, bad, lone] = await addLearners(h.db.pool, [
      { id: "00000000-0000-4000-8000-000000000001", email: "Dup@Example.com" },
      { id: "ffffffff-0000-4000-8000-000000000001", email: " dup@example.com " },
      { email: "not-an-email" },
      { email: "Lone@Example.com" },
    ]);
    await addProgress(h.db.pool, "a1", [
      { userId: older!, unitId: 1, updatedAt: "2026-01-01T00:00:00Z" },
      { userId: newer!, unitId: 1, updatedAt: "2026-02-01T00:00:00Z" },
      { userId: lone!, unitId: 1 },
    ]);
    // batch size 1: the two duplicates land in different database batches
    const dry = await runSync(h.options({ mode: "dry_run", batchSize: 1 }));
    expect(dry.document.summary).toEqual({ learners: 4, toUpsert: 2, unchanged: 0, invalid: 2 });
    expect(dry.document.batches.flatMap((batch) => batch.inputs.map((input) => input.id)).sort()).toEqual([
      "dup@example.com",
      "lone@example.com",
    ]);
    const kinds = Object.fromEntries(dry.document.issues.map((issue) => [issue.userId, issue.kind]));
    expect(kinds).toEqual({ [older!]: "duplicate_email", [bad!]: "invalid_email" });
    expect(dry.document.issues.find((issue) => issue.userId === older)?.message).toContain(newer!);
    const live = await runSync(h.options({ batchSize: 1 }));
    expect(live.summary).toMatchObject({ upserted: 2, invalid: 2 });
    const { rows } = await h.db.pool.query(
      "select kind, count(*)::int as n from crm_sync.run_errors where run_id = $1 group by kind order by kind",
      [live.runId],
    );
    expect(rows).toEqual([
      { kind: "duplicate_email", n: 1 },
      { kind: "invalid_email", n: 1 },
    ]);
  });

  it("reports data warnings only for the learners it sends", async () => {
    await createLevel(h.db.pool, "a1");
    const [ann] = await addLearners(h.db.pool, [{ email: "ann@example.com" }]);
    await addProgress(h.db.pool, "a1", [{ userId: ann!, unitId: 1, accuracy: 140 }]);
    const first = await runSync(h.options({ mode: "dry_run" }));
    expect(first.document.issues).toEqual([
      {
        userId: ann,
        email: "ann@example.com",
        kind: "data_warning",
        message: "Level A1: 1 accuracy value(s) outside 0–100 excluded.",
      },
    ]);
    await runSync(h.options());
    const second = await runSync(h.options({ mode: "dry_run" }));
    expect(second.document.issues).toEqual([]);
  });

  it("creates properties and options for a level that appears between runs", async () => {
    await createLevel(h.db.pool, "a1");
    const [ann] = await seedSimpleLearners(h.db.pool, 2, ["a1"]);
    await runSync(h.options());
    expect(h.standIn.state.getProperty("level_b1_business_status")).toBeUndefined();
    await createLevel(h.db.pool, "b1_business");
    await addProgress(h.db.pool, "b1_business", [{ userId: ann!, unitId: 1, updatedAt: "2026-05-01T00:00:00Z" }]);
    const plan = await runSync(h.options({ mode: "dry_run" }));
    expect(plan.levels).toEqual(["a1", "b1_business"]);
    const actions = Object.fromEntries(plan.document.propertyPlan.map((item) => [item.name, item.action]));
    expect(actions).toMatchObject({
      level_a1_status: "exists",
      level_b1_business_status: "create",
      current_active_level: "update_options",
    });
    const live = await runSync(h.options());
    expect(live.summary.upserted).toBe(2);
    expect(h.standIn.state.getProperty("current_active_level")?.options.map((option) => option.value)).toEqual([
      "a1",
      "b1_business",
    ]);
    expect(standInContacts(h.standIn).get("learner1@example.com")).toMatchObject({
      current_active_level: "b1_business",
      level_b1_business_units_completed: "1",
    });
  });

  it("withholds a drifted property from every payload and records it on the run", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 2, ["a1"]);
    await runSync(h.options());
    const accuracy = h.standIn.state.getProperty("level_a1_accuracy")!;
    h.standIn.state.saveProperty({ ...accuracy, type: "string", fieldType: "text" });
    h.proxy.clear();
    const live = await runSync(h.options({ full: true }));
    const bodies = h.proxy
      .upsertBodies()
      .map((body) => JSON.parse(body) as { inputs: { properties: Record<string, string> }[] });
    expect(bodies).toHaveLength(1);
    expect(
      bodies[0]!.inputs.every(
        (input) => !("level_a1_accuracy" in input.properties) && "level_a1_status" in input.properties,
      ),
    ).toBe(true);
    const { rows } = await h.db.pool.query("select kind, message from crm_sync.run_errors where run_id = $1", [
      live.runId,
    ]);
    expect(rows).toEqual([
      { kind: "property_drift", message: expect.stringContaining("level_a1_accuracy withheld: exists as string/text") },
    ]);
  });

  it("syncs a level subset with whole globals, and stops at a limit", async () => {
    await createLevel(h.db.pool, "a1");
    await createLevel(h.db.pool, "a2");
    await seedSimpleLearners(h.db.pool, 5, ["a1", "a2"]);
    const subset = await runSync(h.options({ mode: "dry_run", levels: ["a2"], limit: 3 }));
    expect(subset.document.levels).toEqual(["a2"]);
    expect(subset.document.summary.learners).toBe(3);
    const properties = subset.document.batches[0]!.inputs[0]!.properties;
    expect(Object.keys(properties)).toEqual([
      "level_a2_units_completed",
      "level_a2_accuracy",
      "level_a2_status",
      "total_study_time",
      "current_active_level",
      "last_activity_date_global",
      "learner_id",
    ]);
    expect(properties.total_study_time).toBe("30"); // both levels: 2 × 3 × 300 s
    await expect(runSync(h.options({ mode: "dry_run", levels: ["c2"] }))).rejects.toThrow(/c2 cannot be synced/);
  });

  it("sends a bounded number of statements per batch, independent of learners and levels", async () => {
    await createLevel(h.db.pool, "a1");
    await createLevel(h.db.pool, "a2");
    await createLevel(h.db.pool, "b1");
    await seedSimpleLearners(h.db.pool, 600, ["a1", "a2", "b1"]);
    const measure = async (overrides: Partial<SyncOptions>) => {
      const counter = countStatements(h.db.pool);
      await runSync({ ...h.options({ pool: counter.pool, batchSize: 200 }), ...overrides });
      return counter.count();
    };
    // A run costs a constant set-up (discovery, settings, claim, phases, duplicate pre-pass, count,
    // close: 14; change capture: capture state, queue claim and selection at the start, queue drain
    // and facts marker at the end: 14; the daily quota: its settings and, before the first write,
    // the day's usage: 2) plus, per batch of 200 (3 batches and the empty fetch that ends the
    // stream): fetch, one aggregate statement for all levels, the facts upsert, the state hashes,
    // the email claims (the previous batch's stored, this batch's read: lib/sync/plan/run-email-claims.ts),
    // and one commit statement per send (2 per batch) or per batch; +1: the claims dropped at the end.
    // Learner capture (lib/db/capture/learner-capture.ts): its state and the bans that ended: 2; the
    // learner index is rebuilt by a pass that compares every learner (5, and the trust marker at the
    // end: 1) and otherwise kept for the selection (4; the learners in scope are then read from it,
    // and the one count left is of the unread learners known not to be sendable).
    const setUp = 14 + 14 + 2 + 2;
    await runSync(h.options({ mode: "dry_run" })); // installs change capture (a per-level cost paid once)
    expect(await measure({})).toBeLessThanOrEqual(setUp + 6 + 4 * (5 + 2 + 1) + 1);
    // Nothing changed since: the selection is empty, one fetch and one commit, the learner index kept.
    expect(await measure({})).toBeLessThanOrEqual(setUp + 4 + 4);
    const threeLevels = await measure({ mode: "dry_run", full: true });
    await h.db.pool.query("update crm_sync.level_settings set enabled = false where level <> 'a1'");
    await runSync(h.options({ mode: "dry_run" })); // removes the disabled levels' capture (paid once)
    const oneLevel = await measure({ mode: "dry_run", full: true });
    expect(oneLevel).toBe(threeLevels);
  });
});
