import { describe, expect, it } from "vitest";
import { getRun, getRunProgress, listRuns } from "./read-runs";
import { beginSync, runSync } from "../run-sync";
import { SyncAlreadyRunningError } from "../sync-errors";
import { createLevel, seedSimpleLearners } from "@/test/support/sync/source-fixtures";
import { setUpSyncHarness } from "@/test/support/sync/sync-harness";

const h = setUpSyncHarness();

async function runRows() {
  const { rows } = await h.db.pool.query(
    "select id::int as id, status, processed, chain_processed, resumed_from_run_id::int as resumed_from_run_id, resumed_by_run_id::int as resumed_by_run_id from crm_sync.runs order by id",
  );
  return rows;
}

async function syncedCount(): Promise<number> {
  return (await h.db.pool.query("select count(*)::int as n from crm_sync.contact_state")).rows[0].n as number;
}

describe("run lifecycle", () => {
  it("lets exactly one of two concurrent live starts run; the other learns who and when", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 50, ["a1"]);
    const results = await Promise.allSettled([
      runSync(h.options({ actor: { label: "ops@school.test" } })),
      runSync(h.options({ actor: { label: "ops@school.test" } })),
    ]);
    const rejected = results.filter((result) => result.status === "rejected");
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    const error = (rejected[0] as PromiseRejectedResult).reason as SyncAlreadyRunningError;
    expect(error).toBeInstanceOf(SyncAlreadyRunningError);
    expect(error.message).toMatch(
      /already running: run #\d+ started by ops@school\.test \(cli\) at \d{4}-\d\d-\d\dT.*last heartbeat \d+s ago/,
    );
    // A dry run never blocks on a live one.
    const live = (await beginSync(h.options())).execute();
    const dry = await runSync(h.options({ mode: "dry_run" }));
    expect(dry.status).toBe("succeeded");
    await live;
  });

  it("takes over a run whose heartbeat is stale and resumes from its cursor", async () => {
    await createLevel(h.db.pool, "a1");
    const ids = await seedSimpleLearners(h.db.pool, 40, ["a1"]);
    const sorted = [...ids].sort();
    // A live run that died after confirming the first 15 learners, longer ago than the default stale threshold (15 min).
    const { rows } = await h.db.pool.query(
      `insert into crm_sync.runs (mode, trigger, started_by_label, levels, cursor_user_id, processed, chain_processed, total_learners, heartbeat_at)
       values ('live', 'cron', 'cron', '{a1}', $1, 15, 15, 40, now() - interval '20 minutes') returning id::int as id`,
      [sorted[14]],
    );
    const dead = rows[0].id as number;
    await expect(runSync(h.options({ staleAfterMs: 3_600_000 }))).rejects.toBeInstanceOf(SyncAlreadyRunningError);
    const progress: number[] = [];
    const result = await runSync(h.options({ onProgress: (p) => progress.push(p.processed) }));
    expect(result).toMatchObject({
      status: "succeeded",
      resumedFromRunId: dead,
      summary: { learners: 25, upserted: 25 },
    });
    expect(progress.at(-1)).toBe(40);
    const sent = h.proxy
      .upsertBodies()
      .flatMap((body) => (JSON.parse(body) as { inputs: { id: string }[] }).inputs.map((input) => input.id));
    expect(sent).toHaveLength(25);
    expect(await runRows()).toEqual([
      {
        id: dead,
        status: "interrupted",
        processed: 15,
        chain_processed: 15,
        resumed_from_run_id: null,
        resumed_by_run_id: result.runId,
      },
      {
        id: result.runId,
        status: "succeeded",
        processed: 25,
        chain_processed: 40,
        resumed_from_run_id: dead,
        resumed_by_run_id: null,
      },
    ]);
  });

  it("stops at the time budget with `continuing` and finishes on the next call", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 120, ["a1"]);
    const first = await runSync(
      h.options({ trigger: "cron", actor: { label: "cron" }, batchSize: 50, timeBudgetMs: 1 }),
    );
    expect(first).toMatchObject({
      status: "paused",
      continuing: true,
      summary: { learners: 50, upserted: 50 },
      writeCalls: 1,
    });
    expect(await getRunProgress(h.db.pool, first.runId)).toMatchObject({
      status: "paused",
      isResumable: true,
      processed: 50,
      total: 120,
      percent: 41.7,
    });
    const second = await runSync(
      h.options({ trigger: "cron", actor: { label: "cron" }, batchSize: 50, timeBudgetMs: 1 }),
    );
    expect(second).toMatchObject({
      status: "paused",
      continuing: true,
      resumedFromRunId: first.runId,
      summary: { learners: 50 },
    });
    const third = await runSync(h.options({ trigger: "cron", actor: { label: "cron" }, batchSize: 50 }));
    expect(third).toMatchObject({
      status: "succeeded",
      continuing: false,
      resumedFromRunId: second.runId,
      summary: { learners: 20 },
    });
    const sent = h.proxy
      .upsertBodies()
      .flatMap((body) => (JSON.parse(body) as { inputs: { id: string }[] }).inputs.map((input) => input.id));
    expect(new Set(sent).size).toBe(120);
    expect(sent).toHaveLength(120);
    const detail = await getRun(h.db.pool, second.runId);
    expect(detail?.chain.map((run) => run.id)).toEqual([first.runId, second.runId, third.runId]);
    expect((await getRunProgress(h.db.pool, first.runId))?.isResumable).toBe(false);
  });

  it("supersedes a paused run when a different scope is requested", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 60, ["a1"]);
    const paused = await runSync(h.options({ batchSize: 20, timeBudgetMs: 1 }));
    const full = await runSync(h.options({ batchSize: 20, full: true }));
    expect(full).toMatchObject({ status: "succeeded", resumedFromRunId: null, summary: { learners: 60 } });
    expect((await runRows())[0]).toMatchObject({ id: paused.runId, status: "cancelled" });
  });

  it("pauses on an abort signal like on a spent budget", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 60, ["a1"]);
    const controller = new AbortController();
    const result = await runSync(
      h.options({
        batchSize: 20,
        signal: controller.signal,
        onProgress: (p) => (p.phase === "syncing" ? controller.abort() : undefined),
      }),
    );
    expect(result).toMatchObject({ status: "paused", continuing: true, summary: { learners: 20 } });
  });

  it("starts in the background, returns the id at once and exposes progress and history", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 30, ["a1"]);
    const begun = await beginSync(h.options({ trigger: "ui", actor: { label: "operator@demo.test" } }));
    const running = begun.execute();
    expect(await getRunProgress(h.db.pool, begun.runId)).toMatchObject({ runId: begun.runId, mode: "live" });
    const done = await running;
    expect(done).toMatchObject({ runId: begun.runId, status: "succeeded" });
    expect(await syncedCount()).toBe(30);
    await runSync(h.options({ mode: "dry_run" }));
    const history = await listRuns(h.db.pool, { page: 1, pageSize: 1 });
    expect(history).toMatchObject({
      total: 2,
      page: 1,
      pageSize: 1,
      items: [{ mode: "dry_run", status: "succeeded" }],
    });
    expect(await listRuns(h.db.pool, { mode: "live" })).toMatchObject({ total: 1, items: [{ id: begun.runId }] });
    const detail = await getRun(h.db.pool, begun.runId);
    expect(detail?.run).toMatchObject({
      trigger: "ui",
      startedByLabel: "operator@demo.test",
      upserted: 30,
      writeCalls: 1,
      phase: "done",
    });
    expect(await getRun(h.db.pool, 999_999)).toBeNull();
  });
});
