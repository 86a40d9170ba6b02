/**
 * Issue #5 faults: a storm of SIGKILLs, a mix of HubSpot faults, a token revoked mid-run, the
 * database lost mid-run and ten simultaneous starts. Each ends by checking that nothing was lost.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { runSync } from "./run-sync";
import { SyncAlreadyRunningError, SyncRunFailedError } from "./sync-errors";
import type { SyncTrigger } from "./sync-types";
import { expectEveryLearnerSynced, expectNoDuplicateContacts } from "@/test/support/sync/expect-synced";
import { createLevel, seedSimpleLearners } from "@/test/support/sync/source-fixtures";
import { setUpSyncHarness } from "@/test/support/sync/sync-harness";
import { startTcpProxy } from "@/test/support/sync/tcp-proxy";

const h = setUpSyncHarness();
const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** mulberry32, so the kill points are the same on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await pause(10);
  }
}

describe("chaos", () => {
  it("survives ten SIGKILLs at random points: every learner correct, no duplicate, truthful history", async () => {
    const LEARNERS = 3000;
    await createLevel(h.db.pool, "a1");
    await createLevel(h.db.pool, "b1");
    await seedSimpleLearners(h.db.pool, LEARNERS, ["a1", "b1"]);
    h.standIn.configure({ latencyMs: 80 });
    const random = seeded(20261201);
    let kills = 0;
    for (let attempt = 0; attempt < 10; attempt += 1) {
      // A killed process never heartbeats again: let "time pass" so the next start takes it over.
      await h.db.pool.query(
        "update crm_sync.runs set heartbeat_at = now() - interval '1 hour' where status = 'running'",
      );
      const sentBefore = h.proxy.upsertBodies().length;
      const child = spawn(process.execPath, ["--import", "tsx", "scripts/sync.ts", "--batch-size", "50"], {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          DATABASE_URL: h.db.url,
          HUBSPOT_ACCESS_TOKEN: "demo-hubspot-token",
          HUBSPOT_BASE_URL: h.proxy.url,
          HUBSPOT_RATE_LIMIT_PER_10S: "190",
        },
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.on("exit", (_code, signal) => resolve(signal)),
      );
      // Random point: before any send (start-up, planning, properties) or after 1–2 more sends.
      const sendsToWait = Math.floor(random() * 3);
      await waitFor(() => h.proxy.upsertBodies().length >= sentBefore + sendsToWait || child.exitCode !== null, 60_000);
      await pause(Math.floor(random() * 150));
      expect(child.exitCode, `the run finished before kill ${attempt + 1}: ${stderr}`).toBeNull();
      child.kill("SIGKILL");
      expect(await exited).toBe("SIGKILL");
      kills += 1;
      // A request already on the wire still reaches the stand-in: let it land before the next start.
      await pause(250);
    }
    expect(kills).toBe(10);

    h.standIn.configure({ latencyMs: 0 });
    const final = await runSync(h.options({ batchSize: 50, staleAfterMs: 1 }));
    expect(final.status).toBe("succeeded");
    // The ten kills must have left work for the final run, or the storm proved nothing.
    expect(final.summary.learners).toBeGreaterThan(0);
    await expectEveryLearnerSynced(h, LEARNERS);

    const { rows: runs } = await h.db.pool.query(
      "select id::int as id, status, processed, chain_processed, resumed_by_run_id::int as resumed_by from crm_sync.runs where mode = 'live' order by id",
    );
    expect(runs.length).toBeGreaterThanOrEqual(2);
    const last = runs.at(-1)!;
    expect(last).toMatchObject({ id: final.runId, status: "succeeded", chain_processed: LEARNERS });
    for (const [index, run] of runs.slice(0, -1).entries()) {
      expect(run).toMatchObject({ status: "interrupted", resumed_by: runs[index + 1]!.id });
    }
    expect(runs.reduce((sum, run) => sum + (run.processed as number), 0)).toBe(LEARNERS);
  }, 120_000);

  it("finishes or fails clearly under 429 storms, 5xx, timeouts and malformed JSON; a later run loses nothing", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 400, ["a1"]);
    h.standIn.setFaults({
      rate429Rate: 0.5,
      error5xxRate: 0.1,
      timeoutRate: 0.05,
      timeoutMs: 2_000,
      malformedRate: 0.05,
    });
    const fastSleep = (ms: number) => pause(Math.min(ms, 5));
    const client = h.client({ requestTimeoutMs: 150, sleep: fastSleep, maxAttempts: 4, maxRateLimitWaits: 6 });
    const outcome = await runSync(h.options({ hubspot: client, batchSize: 100 })).catch((error: unknown) => error);
    if (outcome instanceof Error) {
      expect(outcome).toBeInstanceOf(SyncRunFailedError);
      expect((outcome as SyncRunFailedError).reason).toBe("hubspot_unavailable");
      expect(outcome.message.length).toBeGreaterThan(20);
    } else {
      expect(["succeeded", "partial"]).toContain((outcome as { status: string }).status);
    }
    const faulted = h.standIn.requests().filter((entry) => entry.status === 429).length;
    expect(faulted).toBeGreaterThan(0);
    expectNoDuplicateContacts(h.standIn);

    h.standIn.setFaults({});
    const later = await runSync(h.options({ batchSize: 100, staleAfterMs: 1 }));
    expect(later.status).toBe("succeeded");
    await expectEveryLearnerSynced(h, 400);
  }, 60_000);

  it("stops on a revoked token without a retry storm and finishes once the token is back", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 600, ["a1"]);
    let sent = 0;
    let requestsAtRevocation = 0;
    h.proxy.setUpsertInterceptor(() => {
      sent += 1;
      if (sent === 2) {
        h.standIn.revokeTokens(["demo-hubspot-token"]);
        requestsAtRevocation = h.proxy.requests().length;
      }
      return [];
    });
    const failure = await runSync(h.options({ batchSize: 100 })).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SyncRunFailedError);
    expect((failure as SyncRunFailedError).reason).toBe("hubspot_unauthorized");
    expect((failure as Error).message).toMatch(/401/);
    // Batches already in flight may still hit the 401, but nothing is retried: at most a handful.
    const after = h.proxy.requests().length - requestsAtRevocation;
    expect(after).toBeLessThanOrEqual(4);
    expect(h.proxy.requests().filter((entry) => entry.status === 401).length).toBeLessThanOrEqual(3);

    h.standIn.addTokens(["demo-hubspot-token"]);
    h.proxy.setUpsertInterceptor(null);
    const resumed = await runSync(h.options({ batchSize: 100 }));
    expect(resumed.status).toBe("succeeded");
    expect(resumed.resumedFromRunId).not.toBeNull();
    await expectEveryLearnerSynced(h, 600);
  });

  it("after losing the database mid-run keeps contact_state only for contacts HubSpot holds, then resumes", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 400, ["a1"]);
    const tcp = await startTcpProxy(Number(new URL(h.db.url).port));
    const url = new URL(h.db.url);
    url.port = String(tcp.port);
    const pool = new pg.Pool({ connectionString: url.toString(), max: 3, connectionTimeoutMillis: 2_000 });
    pool.on("error", () => undefined); // the cut surfaces through the run's own failure
    try {
      const failure = await runSync(
        h.options({
          pool,
          batchSize: 100,
          onProgress: (progress) => (progress.phase === "syncing" && progress.processed >= 100 ? tcp.cut() : undefined),
        }),
      ).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(SyncRunFailedError);
      expect((failure as SyncRunFailedError).reason).toBe("database");
    } finally {
      await pool.end();
      await tcp.stop();
    }
    const held = new Map(h.standIn.state.listContacts().map((contact) => [contact.properties.email, contact.id]));
    const { rows } = await h.db.pool.query("select email, hubspot_id from crm_sync.contact_state");
    expect(rows.length).toBeGreaterThanOrEqual(100);
    expect(
      rows.filter(
        (row) =>
          !held.has(row.email as string) ||
          (row.hubspot_id !== null && held.get(row.email as string) !== row.hubspot_id),
      ),
    ).toEqual([]);

    await pause(30);
    const resumed = await runSync(h.options({ batchSize: 100, staleAfterMs: 20 }));
    expect(resumed.status).toBe("succeeded");
    await expectEveryLearnerSynced(h, 400);
  });

  it("lets exactly one of ten simultaneous starts (ui, cron, cli) run; nine name the owner", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 50, ["a1"]);
    const triggers: SyncTrigger[] = ["ui", "cron", "cli"];
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, index) => {
        const trigger = triggers[index % 3]!;
        return runSync(h.options({ trigger, actor: { label: `${trigger}-${index}` } }));
      }),
    );
    const winners = results.filter((result) => result.status === "fulfilled");
    expect(winners).toHaveLength(1);
    const winner = (winners[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof runSync>>>).value;
    expect(winner.status).toBe("succeeded");
    const losers = results
      .filter((result) => result.status === "rejected")
      .map((result) => (result as PromiseRejectedResult).reason as Error);
    expect(losers).toHaveLength(9);
    for (const error of losers) {
      expect(error).toBeInstanceOf(SyncAlreadyRunningError);
      expect(error.message).toMatch(
        new RegExp(`already running: run #${winner.runId} started by (ui|cron|cli)-\\d \\((ui|cron|cli)\\)`),
      );
    }
    const { rows } = await h.db.pool.query("select count(*)::int as n from crm_sync.runs where mode = 'live'");
    expect(rows[0].n).toBe(1);
    await expectEveryLearnerSynced(h, 50);
  });
});
