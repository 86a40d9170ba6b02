/**
 * Issue #10 item 10: "Sync now" continued by a durable engine. These run the workflow's own loop
 * (driveSyncChain) with its step body (runSyncChunk) called directly, against the real database and
 * the HubSpot stand-in; lib/workflows/sync-run-workflow.workflow.test.ts runs the same code through
 * the Workflow SDK's runtime.
 * Time is simulated where the budget matters: each batch/upsert call moves the clock on by 2.5 s.
 */
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { SyncHubSpotClient } from "@/lib/sync/hubspot-port";
import { liveRunOptions } from "@/lib/sync/execute/live-run-options";
import { claimSync, runSync } from "@/lib/sync/run-sync";
import { SyncNothingToContinueError } from "@/lib/sync/sync-errors";
import { createLevel, seedSimpleLearners } from "@/test/support/sync/source-fixtures";
import { overrideClient } from "@/test/support/sync/override-client";
import { setUpSyncHarness, standInContacts } from "@/test/support/sync/sync-harness";
import { driveSyncChain, type ChunkInput, type ChunkOutcome } from "./drive-sync-chain";
import { runSyncChunk, type ChunkDependencies } from "./run-sync-chunk";

const h = setUpSyncHarness();
const CALL_MS = 2_500;
const BUDGET_MS = 5_000;
const actor = { label: "operator@demo.test" };

afterEach(() => vi.restoreAllMocks());

/** The harness client; each contact write can be observed (and held) before it goes out. */
function observedClient(onUpsert: () => Promise<void> | void): SyncHubSpotClient {
  const client = h.client();
  return overrideClient(client, {
    upsertContacts: async (body, options) => {
      await onUpsert();
      return client.upsertContacts(body, options);
    },
  });
}

function deps(hubspot: SyncHubSpotClient): ChunkDependencies {
  return { pool: h.db.pool, hubspot, sourceSchema: "public" };
}

/** What "Sync now" does before it starts the workflow: claim the run (lib/workflows/start-durable-sync.ts). */
async function claimAsSyncNow(hubspot: SyncHubSpotClient, batchSize: number) {
  return claimSync({ ...liveRunOptions(deps(hubspot), { trigger: "ui", actor }, BUDGET_MS), batchSize });
}

async function liveRuns() {
  const { rows } = await h.db.pool.query(
    `select id::int as id, status, trigger, started_by_label, resumed_from_run_id::int as resumed_from, upserted, failed
     from crm_sync.runs where mode = 'live' order by id`,
  );
  return rows as {
    id: number;
    status: string;
    trigger: string;
    started_by_label: string;
    resumed_from: number | null;
    upserted: number;
    failed: number;
  }[];
}

async function countContactState(): Promise<number> {
  const { rows } = await h.db.pool.query("select count(*)::int as n from crm_sync.contact_state");
  return rows[0]!.n as number;
}

function asOutcome(result: Awaited<ReturnType<typeof runSyncChunk>>): ChunkOutcome {
  if (result.kind === "wait") throw new Error(`unexpected wait on run #${result.runId}`);
  return result;
}

describe("Sync now, driven by its workflow in 5-second chunks", () => {
  it("completes across at least 5 chunks with nothing lost, and is never left paused between chunks", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 1000, ["a1"]);
    const clock = { now: Date.parse("2026-12-07T06:00:00Z") };
    vi.spyOn(Date, "now").mockImplementation(() => clock.now);
    const client = observedClient(() => {
      clock.now += CALL_MS;
    });
    // batchSize 130: database batches do not line up with HubSpot batches of 100.
    const claimed = await claimAsSyncNow(client, 130);
    const chunks: { runId: number; deadline: number; writesAt: number[] }[] = [];
    const latestBetweenChunks: string[] = [];
    const result = await driveSyncChain(
      { runId: claimed.runId, leaseToken: claimed.leaseToken, budgetMs: BUDGET_MS, batchSize: 130, actor },
      async (input: ChunkInput) => {
        const latest = await h.db.pool.query(
          "select status from crm_sync.runs where mode = 'live' order by id desc limit 1",
        );
        latestBetweenChunks.push(latest.rows[0]!.status as string);
        const writesAt: number[] = [];
        chunks.push({ runId: input.runId, deadline: clock.now + BUDGET_MS, writesAt });
        const outcome = asOutcome(
          await runSyncChunk(
            deps(
              observedClient(() => {
                writesAt.push(clock.now);
                clock.now += CALL_MS;
              }),
            ),
            input,
            1,
          ),
        );
        clock.now += 1_000; // the workflow's hop to its next step
        return outcome;
      },
      randomUUID,
    );

    expect(result.chunks).toBeGreaterThanOrEqual(5);
    expect(result.outcome).toMatchObject({ kind: "ended", status: "succeeded" });
    // Between chunks the next chunk's run is already claimed: nothing for the cron or another start to take.
    expect(latestBetweenChunks).toEqual(latestBetweenChunks.map(() => "running"));
    const late = chunks.flatMap((chunk, index) =>
      chunk.writesAt.filter((at) => at >= chunk.deadline).map(() => index + 1),
    );
    expect(late, "chunks that started a HubSpot write after their budget").toEqual([]);

    expect(standInContacts(h.standIn).size).toBe(1000);
    expect(await countContactState()).toBe(1000);
    const runs = await liveRuns();
    expect(runs).toHaveLength(result.chunks);
    expect(runs[0]!.id).toBe(claimed.runId);
    expect(runs.map((run) => run.status)).toEqual([...runs.slice(1).map(() => "paused"), "succeeded"]);
    expect(runs.map((run) => run.resumed_from)).toEqual([null, ...runs.slice(0, -1).map((run) => run.id)]);
    expect(new Set(runs.map((run) => `${run.trigger} ${run.started_by_label}`))).toEqual(
      new Set([`ui ${actor.label}`]),
    );
    expect(runs.reduce((sum, run) => sum + run.upserted, 0)).toBe(1000);
    expect(runs.reduce((sum, run) => sum + run.failed, 0)).toBe(0);
  });
});

describe("a chunk run again (a retried step)", () => {
  it("after a crash mid-chunk: waits while the crashed attempt's lease is fresh, then takes over from the cursor", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 300, ["a1"]);
    const staleAfterMs = 1_500;
    const claimed = await claimAsSyncNow(h.client(), 100);
    const input: ChunkInput = {
      runId: claimed.runId,
      leaseToken: claimed.leaseToken,
      nextLeaseToken: randomUUID(),
      budgetMs: 60_000,
      batchSize: 100,
      actor,
    };
    // Attempt 1 "crashes" on its second batch: its process freezes (no heartbeat: the interval is
    // longer than the test) with that batch not yet sent.
    let writes = 0;
    let thaw: () => void = () => undefined;
    const frozen = new Promise<void>((resolve) => (thaw = resolve));
    const crashed = runSyncChunk(
      deps(
        observedClient(async () => {
          writes += 1;
          if (writes === 2) await frozen;
        }),
      ),
      input,
      1,
      { staleAfterMs, heartbeatIntervalMs: 600_000 },
    ).then(
      (outcome) => outcome,
      (error: unknown) => error,
    );
    // Batches 1 and 3 are answered (three calls in flight at most); only batch 1 is a settled prefix.
    await expect.poll(() => writes, { timeout: 10_000 }).toBe(3);
    await expect.poll(countContactState, { timeout: 10_000 }).toBe(100);

    // Attempt 2, at once: the run is still held under this chunk's token and may be alive: wait.
    let retryWrites = 0;
    const retryClient = observedClient(() => {
      retryWrites += 1;
    });
    const early = await runSyncChunk(deps(retryClient), input, 2, { staleAfterMs });
    expect(early).toMatchObject({ kind: "wait", runId: claimed.runId });
    expect(retryWrites).toBe(0);

    // Attempt 3, once the lease is stale: a continuation under the same token, from the committed cursor.
    await new Promise((resolve) => setTimeout(resolve, staleAfterMs + 200));
    const taken = await runSyncChunk(deps(retryClient), input, 3, { staleAfterMs });
    expect(taken).toMatchObject({ kind: "ended", status: "succeeded" });
    expect(retryWrites).toBe(2); // batches 2 and 3: the crashed attempt committed batch 1 only

    // The frozen attempt comes back: its late commit is refused, so it records nothing twice.
    thaw();
    expect(await crashed).toMatchObject({ kind: "left", runId: claimed.runId });
    const runs = await liveRuns();
    expect(runs.map((run) => [run.status, run.resumed_from])).toEqual([
      ["interrupted", null],
      ["succeeded", claimed.runId],
    ]);
    expect(runs.reduce((sum, run) => sum + run.upserted, 0)).toBe(300);
    expect(standInContacts(h.standIn).size).toBe(300);
    expect(await countContactState()).toBe(300);
  });

  it("after its earlier attempt paused and claimed the next chunk: hands that on without sending anything", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 400, ["a1"]);
    const clock = { now: Date.parse("2026-12-07T06:00:00Z") };
    vi.spyOn(Date, "now").mockImplementation(() => clock.now);
    let writes = 0;
    const client = observedClient(() => {
      writes += 1;
      clock.now += CALL_MS;
    });
    const claimed = await claimAsSyncNow(client, 100);
    const input: ChunkInput = {
      runId: claimed.runId,
      leaseToken: claimed.leaseToken,
      nextLeaseToken: randomUUID(),
      budgetMs: BUDGET_MS,
      batchSize: 100,
      actor,
    };
    const first = await runSyncChunk(deps(client), input, 1);
    expect(first).toMatchObject({ kind: "continue" });
    const writesBefore = writes;
    // Its answer was lost; the step runs again with the same input.
    expect(await runSyncChunk(deps(client), input, 2)).toEqual(first);
    expect(writes).toBe(writesBefore);
    const runs = await liveRuns();
    expect(runs.map((run) => run.status)).toEqual(["paused", "running"]);
  });
});

describe("a chunk that does not hold the chain", () => {
  it("leaves a run held by another start to it, and starts nothing after a chain has ended", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 5, ["a1"]);
    let writes = 0;
    const client = observedClient(() => {
      writes += 1;
    });
    const claimed = await claimAsSyncNow(client, 100);
    const stranger: ChunkInput = {
      runId: claimed.runId,
      leaseToken: randomUUID(),
      nextLeaseToken: randomUUID(),
      budgetMs: BUDGET_MS,
      actor,
    };
    expect(await runSyncChunk(deps(client), stranger, 1)).toMatchObject({ kind: "left", runId: claimed.runId });
    expect(writes).toBe(0);

    const own: ChunkInput = { ...stranger, leaseToken: claimed.leaseToken };
    expect(await runSyncChunk(deps(client), own, 1)).toMatchObject({ kind: "ended", status: "succeeded" });
    // A late retry of a chunk of that finished chain: nothing new starts (not even a fresh run).
    expect(await runSyncChunk(deps(client), { ...own, leaseToken: randomUUID() }, 2)).toMatchObject({
      kind: "ended",
      runId: claimed.runId,
      status: "succeeded",
    });
    expect(await liveRuns()).toHaveLength(1);
    expect(writes).toBe(1);
  });

  it("claims a continuation only of the run it names: once another start finished the chain, nothing starts", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 200, ["a1"]);
    const clock = { now: Date.parse("2026-12-07T06:00:00Z") };
    vi.spyOn(Date, "now").mockImplementation(() => clock.now);
    const client = observedClient(() => {
      clock.now += CALL_MS;
    });
    const paused = await runSync({ ...h.options({ hubspot: client }), timeBudgetMs: 1_000, batchSize: 100 });
    expect(paused.status).toBe("paused");
    // The cron continues it before the chunk's claim comes in, and finishes the chain.
    const finished = await runSync({ ...h.options({ hubspot: client }), trigger: "cron", actor: { label: "cron" } });
    expect(finished).toMatchObject({ status: "succeeded", resumedFromRunId: paused.runId });
    const claim = claimSync({
      ...liveRunOptions(deps(client), { trigger: "ui", actor }, BUDGET_MS),
      continueRunId: paused.runId,
    });
    await expect(claim).rejects.toBeInstanceOf(SyncNothingToContinueError);
    expect(await liveRuns()).toHaveLength(2);
  });
});
