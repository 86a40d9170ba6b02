import pg from "pg";
import { describe, expect, it } from "vitest";
import { runSync } from "./run-sync";
import { SyncRunFailedError } from "./sync-errors";
import { seedSimpleLearners, createLevel } from "@/test/support/sync/source-fixtures";
import { standInContacts, setUpSyncHarness } from "@/test/support/sync/sync-harness";
import { startTcpProxy } from "@/test/support/sync/tcp-proxy";

const h = setUpSyncHarness();

async function contactStateCount(): Promise<number> {
  const { rows } = await h.db.pool.query("select count(*)::int as n from crm_sync.contact_state");
  return rows[0].n as number;
}

describe("runSync against a misbehaving HubSpot", () => {
  it("records rows failed in a 207 with their payload and sends them again on the next run", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 20, ["a1"]);
    h.proxy.setUpsertInterceptor((inputs) =>
      inputs.map((input) => input.id).filter((id) => id === "learner3@example.com" || id === "learner7@example.com"),
    );
    const first = await runSync(h.options());
    expect(first).toMatchObject({ status: "partial", summary: { upserted: 18, failed: 2 } });
    const { rows } = await h.db.pool.query(
      "select email, kind, payload from crm_sync.run_errors where run_id = $1 order by email",
      [first.runId],
    );
    expect(rows.map((row) => [row.email, row.kind])).toEqual([
      ["learner3@example.com", "invalid_email"],
      ["learner7@example.com", "invalid_email"],
    ]);
    expect(rows[0].payload).toMatchObject({
      idProperty: "email",
      id: "learner3@example.com",
      properties: { level_a1_status: "in_progress" },
    });
    expect(await contactStateCount()).toBe(18);

    h.proxy.setUpsertInterceptor(null);
    h.proxy.clear();
    const second = await runSync(h.options());
    expect(second).toMatchObject({ status: "succeeded", writeCalls: 1, summary: { upserted: 2, unchanged: 18 } });
    const resent = (JSON.parse(h.proxy.upsertBodies()[0]!) as { inputs: { id: string }[] }).inputs.map(
      (input) => input.id,
    );
    expect(resent.sort()).toEqual(["learner3@example.com", "learner7@example.com"]);
    expect(await contactStateCount()).toBe(20);
  });

  it("waits out a 429 for the Retry-After HubSpot sends", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 5, ["a1"]);
    h.standIn.configure({ retryAfterHeader: true });
    h.standIn.setFaults({ failNext: { status: 429, count: 1 }, onlyPaths: ["/crm/v3/objects/contacts/batch/upsert"] });
    const waits: number[] = [];
    const client = h.client({
      sleep: (ms) => (waits.push(ms), new Promise((resolve) => setTimeout(resolve, Math.min(ms, 10)))),
    });
    const live = await runSync(h.options({ hubspot: client }));
    expect(live).toMatchObject({ status: "succeeded", rateLimited: 1, summary: { upserted: 5 } });
    // Retry-After: 1 pauses the client until 1 s after the 429; the sleep is what is left of it
    // when the next call waits (a millisecond may have gone by in between).
    expect(waits.filter((ms) => ms >= 990 && ms <= 1000)).toHaveLength(1);
    expect(standInContacts(h.standIn).size).toBe(5);
  });

  it("without Retry-After waits until its oldest request leaves the rate window", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 5, ["a1"]);
    h.standIn.setFaults({ failNext: { status: 429, count: 1 }, onlyPaths: ["/crm/v3/objects/contacts/batch/upsert"] });
    const waits: number[] = [];
    const client = h.client({
      sleep: (ms) => (waits.push(ms), new Promise((resolve) => setTimeout(resolve, Math.min(ms, 10)))),
    });
    const live = await runSync(h.options({ hubspot: client }));
    expect(live).toMatchObject({ status: "succeeded", rateLimited: 1, summary: { upserted: 5 } });
    // The property requests of this run are in the 10 s window: the wait is the rest of that window.
    expect(waits.some((ms) => ms > 1000 && ms <= 10_000)).toBe(true);
  });

  it("retries 5xx answers and then succeeds", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 5, ["a1"]);
    h.standIn.setFaults({ failNext: { status: 503, count: 2 }, onlyPaths: ["/crm/v3/objects/contacts/batch/upsert"] });
    const live = await runSync(h.options());
    expect(live).toMatchObject({ status: "succeeded", retries: 2, writeCalls: 1, summary: { upserted: 5 } });
    expect(h.proxy.upsertBodies()).toHaveLength(3);
  });

  it("stops on a 401 with a clear message and resumes from the cursor with a good token", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 250, ["a1"]);
    let sent = 0;
    h.proxy.setUpsertInterceptor(() => {
      sent += 1;
      if (sent === 2) h.standIn.revokeTokens(["demo-hubspot-token"]);
      return [];
    });
    const failure = await runSync(h.options()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SyncRunFailedError);
    expect((failure as SyncRunFailedError).reason).toBe("hubspot_unauthorized");
    expect((failure as Error).message).toMatch(
      /HubSpot refused the access token \(401\).*HUBSPOT_ACCESS_TOKEN.*continues from there/,
    );
    const { rows } = await h.db.pool.query(
      "select id::int as id, status, processed, cursor_user_id from crm_sync.runs",
    );
    expect(rows).toMatchObject([{ status: "failed", processed: 100 }]);

    h.standIn.addTokens(["demo-hubspot-token"]);
    h.proxy.setUpsertInterceptor(null);
    const resumed = await runSync(h.options());
    expect(resumed).toMatchObject({
      status: "succeeded",
      resumedFromRunId: rows[0].id,
      summary: { learners: 150, upserted: 150 },
    });
    expect(await contactStateCount()).toBe(250);
  });

  it("fails clearly when the database connection is lost, and a later run takes over and resumes", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 300, ["a1"]);
    const tcp = await startTcpProxy(Number(new URL(h.db.url).port));
    const url = new URL(h.db.url);
    url.port = String(tcp.port);
    const pool = new pg.Pool({ connectionString: url.toString(), max: 3, connectionTimeoutMillis: 2_000 });
    const poolErrors: Error[] = [];
    pool.on("error", (error) => poolErrors.push(error));
    try {
      const failure = await runSync(
        h.options({
          pool,
          batchSize: 100,
          onProgress: (progress) => {
            if (progress.phase === "syncing" && progress.processed >= 100) tcp.cut();
          },
        }),
      ).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(SyncRunFailedError);
      expect((failure as SyncRunFailedError).reason).toBe("database");
      expect((failure as Error).message).toMatch(
        /^Lost the database connection: .*could not be marked failed either.*taken over once its heartbeat is stale/,
      );
    } finally {
      await pool.end();
      await tcp.stop();
    }
    const [stuck] = (await h.db.pool.query("select id::int as id, status, processed from crm_sync.runs")).rows;
    expect(stuck.status).toBe("running");
    expect(stuck.processed).toBeGreaterThanOrEqual(100);
    // Back online: the dead run's heartbeat is stale, so the next start takes it over.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const resumed = await runSync(h.options({ batchSize: 100, staleAfterMs: 20 }));
    expect(resumed).toMatchObject({
      status: "succeeded",
      resumedFromRunId: stuck.id,
      summary: { learners: 300 - stuck.processed },
    });
    expect((await h.db.pool.query("select status from crm_sync.runs where id = $1", [stuck.id])).rows[0].status).toBe(
      "interrupted",
    );
    expect(await contactStateCount()).toBe(300);
  });
});
