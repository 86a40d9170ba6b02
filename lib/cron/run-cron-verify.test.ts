import { describe, expect, it } from "vitest";
import { runSync } from "@/lib/sync/run-sync";
import { startVerifyInBackground } from "@/lib/learners/start-verify-in-background";
import { createLevel, seedSimpleLearners } from "@/test/support/sync/source-fixtures";
import { setUpSyncHarness } from "@/test/support/sync/sync-harness";
import { runCronVerify } from "./run-cron-verify";

const h = setUpSyncHarness();

async function contactIdOf(userId: string): Promise<string> {
  const { rows } = await h.db.pool.query("select hubspot_id from crm_sync.contact_state where user_id = $1", [userId]);
  return String(rows[0]?.hubspot_id);
}

describe("runCronVerify", () => {
  it("runs the engine's verify, answers with the counts and audits it", async () => {
    await createLevel(h.db.pool, "a1");
    const [edited] = await seedSimpleLearners(h.db.pool, 3, ["a1"]);
    await runSync(h.options());
    h.standIn.editContact(await contactIdOf(edited!), { level_a1_units_completed: "9" });

    const outcome = await runCronVerify({ pool: h.db.pool, hubspot: h.client() }, { timeBudgetMs: 240_000 });
    expect(outcome).toMatchObject({
      status: 200,
      body: {
        ok: true,
        mode: "verify",
        status: "succeeded",
        continuing: false,
        checked: 3,
        chainChecked: 3,
        total: 3,
        differences: 1,
        learners: 1,
      },
    });
    const runId = outcome.body.ok ? outcome.body.runId : -1;
    const run = await h.db.pool.query("select mode, trigger, status from crm_sync.runs where id = $1", [runId]);
    expect(run.rows[0]).toEqual({ mode: "verify", trigger: "cron", status: "succeeded" });
    const audit = await h.db.pool.query(
      "select actor_label, action, target from crm_sync.audit_log where action = 'sync.verify'",
    );
    expect(audit.rows).toEqual([{ actor_label: "cron", action: "sync.verify", target: `run #${runId}` }]);
    await h.db.pool.query("delete from crm_sync.audit_log");
  });

  it("answers 503 without a HubSpot token, starting no run", async () => {
    expect(await runCronVerify({ pool: h.db.pool, hubspot: null }, { timeBudgetMs: 240_000 })).toMatchObject({
      status: 503,
      body: { ok: false, error: "not_configured" },
    });
    const { rows } = await h.db.pool.query("select count(*)::int as n from crm_sync.runs");
    expect(rows[0].n).toBe(0);
  });
});

describe("startVerifyInBackground", () => {
  it("answers with the verify run's id before the read-back ends, and reports the result through done", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 150, ["a1"]);
    await runSync(h.options());
    const begun = await startVerifyInBackground({
      pool: h.db.pool,
      hubspot: h.client(),
      trigger: "ui",
      actor: { label: "operator@demo.test" },
    });
    const outcome = await begun.done;
    expect(outcome).toMatchObject({ ok: true, result: { runId: begun.runId, checked: 150, differences: [] } });
    const { rows } = await h.db.pool.query("select mode, status, started_by_label from crm_sync.runs where id = $1", [
      begun.runId,
    ]);
    expect(rows[0]).toEqual({ mode: "verify", status: "succeeded", started_by_label: "operator@demo.test" });
  });
});
