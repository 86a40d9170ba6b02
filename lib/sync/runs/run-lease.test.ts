/**
 * Issue #10, item 2, at the row: every write of a run is fenced by `status = 'running'` AND the
 * owner token from its claim, and the lease's timer heartbeat notices a takeover (or a database
 * it cannot reach for half the stale threshold) and aborts its signal.
 */
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Queryable } from "@/lib/db/queryable";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { claimRun } from "./claim-run";
import { closeRun, markRunFailed, setRunPhase } from "./close-run";
import { commitSettled } from "./commit-settled";
import { RunLease } from "./run-lease";
import { SyncRunLostError } from "../sync-errors";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

const STATS = { writeCalls: 0, apiCalls: 0, rateLimited: 0, retries: 0 };
const OTHER_TOKEN = "00000000-0000-4000-8000-000000000000";

async function claim() {
  await db.pool.query("update crm_sync.runs set status = 'cancelled' where status = 'running'");
  return claimRun(db.pool, {
    mode: "live",
    trigger: "cli",
    actor: { label: "lease-test" },
    options: { levels: null, full: false, limit: null, batchSize: 500, timeBudgetMs: null },
    enabledLevels: [],
    staleAfterMs: 60_000,
  });
}

async function runRow(id: number) {
  const { rows } = await db.pool.query(
    "select status, processed, phase, heartbeat_at from crm_sync.runs where id = $1",
    [id],
  );
  return rows[0] as { status: string; processed: number; phase: string; heartbeat_at: Date };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("run lease fencing", () => {
  it("refuses every write carrying another token while the run is running, and accepts its own", async () => {
    const { run, leaseToken } = await claim();
    const commit = (token: string) =>
      commitSettled(db.pool, {
        runId: run.id,
        entries: [],
        shouldWriteContactState: true,
        stats: STATS,
        phase: "syncing",
        leaseToken: token,
      });
    await expect(commit(OTHER_TOKEN)).rejects.toBeInstanceOf(SyncRunLostError);
    await expect(setRunPhase(db.pool, run.id, "syncing", OTHER_TOKEN)).rejects.toBeInstanceOf(SyncRunLostError);
    await expect(closeRun(db.pool, run.id, "succeeded", "done", STATS, OTHER_TOKEN)).rejects.toBeInstanceOf(
      SyncRunLostError,
    );
    await markRunFailed(db.pool, run.id, "no", OTHER_TOKEN);
    expect(await runRow(run.id)).toMatchObject({ status: "running", phase: "planning" });

    await commit(leaseToken);
    await setRunPhase(db.pool, run.id, "syncing", leaseToken);
    await closeRun(db.pool, run.id, "succeeded", "done", STATS, leaseToken);
    expect(await runRow(run.id)).toMatchObject({ status: "succeeded", phase: "done" });
  });

  it("refuses the owner's own token once the run was taken over (no longer running)", async () => {
    const { run, leaseToken } = await claim();
    await db.pool.query("update crm_sync.runs set status = 'interrupted' where id = $1", [run.id]);
    await expect(
      commitSettled(db.pool, {
        runId: run.id,
        entries: [],
        shouldWriteContactState: true,
        stats: STATS,
        phase: "syncing",
        leaseToken,
      }),
    ).rejects.toBeInstanceOf(SyncRunLostError);
  });
});

describe("the lease heartbeat", () => {
  it("renews on a timer, and aborts its signal once the run is taken over", async () => {
    const { run, leaseToken } = await claim();
    const lease = new RunLease(db.pool, run.id, leaseToken, { heartbeatIntervalMs: 30, staleAfterMs: 10_000 });
    const before = (await runRow(run.id)).heartbeat_at.getTime();
    lease.start();
    try {
      for (let tries = 0; (await runRow(run.id)).heartbeat_at.getTime() === before; tries += 1) {
        if (tries > 200) throw new Error("no heartbeat was written");
        await sleep(20);
      }
      expect(lease.signal.aborted).toBe(false);
      await db.pool.query("update crm_sync.runs set status = 'interrupted' where id = $1", [run.id]);
      for (let tries = 0; !lease.signal.aborted; tries += 1) {
        if (tries > 200) throw new Error("the lease did not notice the takeover");
        await sleep(20);
      }
      expect(lease.signal.reason).toBeInstanceOf(SyncRunLostError);
      expect(() => lease.throwIfLost()).toThrow(SyncRunLostError);
    } finally {
      await lease.stop();
    }
  });

  it("gives the lease up after half the stale threshold without a confirmed heartbeat, not before", async () => {
    let clock = 0;
    let failures = 0;
    const unreachable: Queryable = {
      query: async () => {
        failures += 1;
        throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
      },
    };
    const lease = new RunLease(unreachable, 7, OTHER_TOKEN, {
      heartbeatIntervalMs: 10,
      staleAfterMs: 1_000,
      now: () => clock,
    });
    lease.start();
    try {
      clock = 499;
      while (failures < 3) await sleep(10);
      expect(lease.signal.aborted).toBe(false);
      clock = 500;
      for (let tries = 0; !lease.signal.aborted; tries += 1) {
        if (tries > 200) throw new Error("the lease was not given up");
        await sleep(10);
      }
      expect((lease.signal.reason as Error).message).toMatch(
        /^Run #7 could not renew its lease .*ECONNREFUSED.*stopped sending/,
      );
    } finally {
      await lease.stop();
    }
  });

  it("gives the lease up when a heartbeat hangs on a dead connection", async () => {
    let clock = 0;
    const hanging: Queryable = { query: () => new Promise<pg.QueryResult>(() => undefined) };
    const lease = new RunLease(hanging, 8, OTHER_TOKEN, {
      heartbeatIntervalMs: 10,
      staleAfterMs: 1_000,
      now: () => clock,
    });
    lease.start();
    clock = 600;
    for (let tries = 0; !lease.signal.aborted; tries += 1) {
      if (tries > 200) throw new Error("the lease was not given up");
      await sleep(10);
    }
    expect((lease.signal.reason as Error).message).toMatch(/still waiting for the database/);
  });
});
