import { describe, expect, it } from "vitest";
import { listAudit } from "@/lib/audit/write-audit";
import { seedSimpleLearners, createLevel } from "@/test/support/sync/source-fixtures";
import { setUpSyncHarness, standInContacts } from "@/test/support/sync/sync-harness";
import { runCronSync } from "./run-cron-sync";

const h = setUpSyncHarness();

function deps() {
  return { pool: h.db.pool, hubspot: h.client(), sourceSchema: "public" };
}

describe("runCronSync", () => {
  it("runs the live sync as cron, audits the start and answers a summary", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 30, ["a1"]);

    const outcome = await runCronSync(deps(), { timeBudgetMs: 60_000 });

    expect(outcome.status).toBe(200);
    expect(outcome.body).toMatchObject({
      ok: true,
      status: "succeeded",
      continuing: false,
      summary: { learners: 30, upserted: 30, failed: 0 },
    });
    expect(standInContacts(h.standIn).size).toBe(30);
    const { rows } = await h.db.pool.query("select trigger, started_by_label from crm_sync.runs where mode = 'live'");
    expect(rows).toEqual([{ trigger: "cron", started_by_label: "cron" }]);
    const audit = await listAudit(h.db.pool, { pageSize: 1 });
    expect(audit.rows.map((row) => [row.actorLabel, row.action, row.target])).toEqual([
      ["cron", "sync.start", `run #${outcome.body.ok ? outcome.body.runId : -1}`],
    ]);
  });

  it("stops at the budget with continuing: true, and the next call continues the run", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 12, ["a1"]);

    const first = await runCronSync(deps(), { timeBudgetMs: 1, batchSize: 5 });
    expect(first.body).toMatchObject({ ok: true, continuing: true, status: "paused" });

    let last = first;
    for (let call = 0; call < 5 && last.body.ok && last.body.continuing; call += 1) {
      last = await runCronSync(deps(), { timeBudgetMs: 1, batchSize: 5 });
      expect(last.body).toMatchObject({ ok: true, resumedFromRunId: expect.any(Number) });
    }
    expect(last.body).toMatchObject({ ok: true, continuing: false });
    expect(standInContacts(h.standIn).size).toBe(12);
  });

  it("answers 409 with the owner while another live run is running", async () => {
    await createLevel(h.db.pool, "a1");
    const auditBefore = (await listAudit(h.db.pool)).total;
    await h.db.pool.query(
      "insert into crm_sync.runs (mode, trigger, started_by_label, status) values ('live', 'ui', 'ops@school.test', 'running')",
    );

    const outcome = await runCronSync(deps(), { timeBudgetMs: 60_000 });

    expect(outcome.status).toBe(409);
    expect(outcome.body).toMatchObject({ ok: false, error: "already_running", startedBy: "ops@school.test" });
    expect((await listAudit(h.db.pool)).total).toBe(auditBefore);
  });

  it("answers 503 when HubSpot is not configured", async () => {
    await createLevel(h.db.pool, "a1");
    const outcome = await runCronSync({ ...deps(), hubspot: null }, { timeBudgetMs: 60_000 });
    expect(outcome.status).toBe(503);
    expect(outcome.body).toMatchObject({ ok: false, error: "not_configured" });
  });
});
