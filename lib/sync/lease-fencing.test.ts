/**
 * Issue #10, item 2: a run's lease. The heartbeat runs on a timer, so a process whose HubSpot call
 * takes longer than the stale threshold keeps its run; a process that cannot renew its lease (its
 * database is gone) aborts its in-flight sends before anyone may take over, and every commit is
 * fenced by `status = 'running'` and the run's owner token. Thresholds are injected so this takes
 * seconds: the engine's defaults and how they were derived are in run-sync.ts.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSync } from "./run-sync";
import { SyncAlreadyRunningError, SyncRunLostError } from "./sync-errors";
import type { SyncResult } from "./sync-types";
import { createLevel, seedSimpleLearners } from "@/test/support/sync/source-fixtures";
import { setUpSyncHarness, standInContacts } from "@/test/support/sync/sync-harness";
import { startHoldingProxy, type HoldingProxy } from "@/test/support/sync/holding-proxy";
import { startTcpProxy } from "@/test/support/sync/tcp-proxy";

const h = setUpSyncHarness();
const STALE_AFTER_MS = 1_500;
const HEARTBEAT_MS = 100;
const lease = { staleAfterMs: STALE_AFTER_MS, heartbeatIntervalMs: HEARTBEAT_MS };

let holding: HoldingProxy;
beforeAll(async () => {
  holding = await startHoldingProxy(h.standIn.url);
});
afterAll(() => holding?.stop());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await sleep(20);
  }
}

function settle<T>(promise: Promise<T>) {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

async function accuracies(): Promise<string[]> {
  return [...standInContacts(h.standIn).values()].map((contact) => contact.level_a1_accuracy ?? "").sort();
}

describe("the run lease", () => {
  it("a process that lost its database is taken over; its held batch never lands and it commits nothing", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 3, ["a1"]);
    // The old process reaches Postgres through a proxy the test can cut, and HubSpot through one that holds its batch.
    const tcp = await startTcpProxy(Number(new URL(h.db.url).port));
    const url = new URL(h.db.url);
    url.port = String(tcp.port);
    const oldPool = new pg.Pool({ connectionString: url.toString(), max: 3, connectionTimeoutMillis: 1_000 });
    oldPool.on("error", () => undefined);
    try {
      holding.holdUpserts(1);
      const old = settle(runSync(h.options({ ...lease, pool: oldPool, hubspot: h.client({ baseUrl: holding.url }) })));
      await waitFor(() => holding.heldCount === 1, 30_000);
      const [oldRun] = (await h.db.pool.query("select id::int as id from crm_sync.runs")).rows as { id: number }[];
      tcp.cut();
      // The learners change while the old batch (accuracy 75) is stuck on the wire.
      await h.db.pool.query("update public.a1_progress set accuracy = 99");

      let newer: SyncResult | null = null;
      while (newer === null) {
        try {
          newer = await runSync(h.options(lease));
        } catch (error) {
          if (!(error instanceof SyncAlreadyRunningError)) throw error;
          await sleep(100);
        }
      }
      expect(newer).toMatchObject({ status: "succeeded", resumedFromRunId: oldRun!.id, summary: { upserted: 3 } });
      expect(await accuracies()).toEqual(["99", "99", "99"]);

      tcp.restore();
      await holding.release();
      const outcome = await old;
      expect(outcome.ok).toBe(false);
      expect(outcome.ok ? null : outcome.error).toBeInstanceOf(SyncRunLostError);
      // The newest data stays in HubSpot: the old batch was aborted, not delivered late.
      expect(await accuracies()).toEqual(["99", "99", "99"]);
      expect(holding.events).toMatchObject({ held: 1, dropped: 1 });
      const { rows } = await h.db.pool.query("select status, processed from crm_sync.runs where id = $1", [oldRun!.id]);
      expect(rows[0]).toEqual({ status: "interrupted", processed: 0 });
      const states = await h.db.pool.query("select distinct run_id::int as run_id from crm_sync.contact_state");
      expect(states.rows).toEqual([{ run_id: newer.runId }]);
    } finally {
      tcp.restore();
      await holding.release();
      await oldPool.end();
      await tcp.stop();
    }
  });

  it("a live process whose HubSpot call outlasts the stale threshold keeps its run: a second start is refused", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 3, ["a1"]);
    holding.holdUpserts(1);
    const first = settle(runSync(h.options({ ...lease, hubspot: h.client({ baseUrl: holding.url }) })));
    await waitFor(() => holding.heldCount === 1, 30_000);
    const heldUntil = Date.now() + 2 * STALE_AFTER_MS;
    let refusals = 0;
    while (Date.now() < heldUntil) {
      await expect(runSync(h.options(lease))).rejects.toBeInstanceOf(SyncAlreadyRunningError);
      refusals += 1;
      await sleep(250);
    }
    expect(refusals).toBeGreaterThan(1);
    await holding.release();
    const outcome = await first;
    expect(outcome.ok ? outcome.value : outcome.error).toMatchObject({ status: "succeeded", summary: { upserted: 3 } });
  });
});
