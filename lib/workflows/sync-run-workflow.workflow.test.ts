/**
 * Issue #10 item 10 through the Workflow SDK's own runtime: "Sync now" (startDurableSync, as the
 * action calls it) starts the workflow, the SDK's local world runs it in this process (the
 * @workflow/vitest plugin, vitest.config.ts), and each chunk is a step of its own. The budget is
 * real time here, so it is short (1 s) and HubSpot slow (500 ms a call): every chunk stops after its
 * first database batch (DEFAULT_BATCH_SIZE learners), so 3,000 learners take at least three steps.
 * lib/sync/durable/durable-sync.test.ts covers the same loop with a simulated clock and 5-second
 * chunks, and what a retried step does.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHubSpotClient } from "@/lib/hubspot/client";
import { startHubSpotStandIn, DEFAULT_TOKEN, type HubSpotStandIn } from "@/sandbox/hubspot/server";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { createLevel, seedSimpleLearners } from "@/test/support/sync/source-fixtures";
import { standInContacts } from "@/test/support/sync/sync-harness";
import { getRun } from "workflow/api";
import type { SyncChainResult } from "@/lib/sync/durable/drive-sync-chain";
import { DEFAULT_BATCH_SIZE } from "@/lib/sync/run-sync";
import { startDurableSync } from "./start-durable-sync";

const LEARNERS = 3_000;
const BUDGET_MS = 1_000;
const actor = { id: "00000000-0000-4000-8000-00000000a11c", label: "operator@demo.test" };

let db: TestDatabase;
let standIn: HubSpotStandIn;
/** A Slack-like webhook receiver for the alert step. */
let receiver: Server;
const alerts: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  standIn = await startHubSpotStandIn({ port: 0, latencyMs: 500 });
  receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      alerts.push(body);
      response.end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  // The steps build their dependencies from the environment, as they do in the app (getSyncDependencies).
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    HUBSPOT_ACCESS_TOKEN: DEFAULT_TOKEN,
    HUBSPOT_BASE_URL: standIn.url,
    HUBSPOT_RATE_LIMIT_PER_10S: "190",
    NEXT_PUBLIC_SUPABASE_URL: "http://127.0.0.1:9",
    NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: "unused-in-this-test",
    SOURCE_SCHEMA: "public",
    SYNC_ALERT_WEBHOOK_URL: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
  });
});

afterAll(async () => {
  // The steps' pool (lib/db/pool.ts keeps it on globalThis).
  await (globalThis as { __crmSyncSyncPool?: { end(): Promise<void> } }).__crmSyncSyncPool?.end();
  await standIn?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
  await db?.drop();
});

describe("Sync now's workflow, run by the Workflow SDK", () => {
  it(
    "completes a run across several steps (one per database batch at least), one chunk each, with nothing lost",
    { timeout: 180_000 },
    async () => {
      await createLevel(db.pool, "a1");
      const ids = await seedSimpleLearners(db.pool, LEARNERS, ["a1"]);
      const client = createHubSpotClient({ accessToken: DEFAULT_TOKEN, baseUrl: standIn.url, ratePer10s: 190 });

      const started = await startDurableSync(
        { pool: db.pool, hubspot: client, sourceSchema: "public" },
        actor,
        BUDGET_MS,
      );
      expect(started.workflowRunId).toMatch(/^wrun_/);

      // The workflow's own record: it completed, and says how many chunks (steps) it took.
      const workflow = getRun<SyncChainResult>(started.workflowRunId!);
      const result = await workflow.returnValue;
      expect(await workflow.status).toBe("completed");
      expect(result.outcome).toMatchObject({ kind: "ended", status: "succeeded" });
      expect(result.chunks).toBeGreaterThanOrEqual(Math.ceil(LEARNERS / DEFAULT_BATCH_SIZE));

      const { rows: chain } = await db.pool.query(
        `select id::int as id, status, trigger, started_by_label, resumed_from_run_id::int as resumed_from, upserted, failed
       from crm_sync.runs where mode = 'live' order by id`,
      );
      expect(chain).toHaveLength(result.chunks);
      expect(chain[0]!.id).toBe(started.runId);
      expect(chain.map((run) => run.status)).toEqual([...chain.slice(1).map(() => "paused"), "succeeded"]);
      expect(chain.map((run) => run.resumed_from)).toEqual([null, ...chain.slice(0, -1).map((run) => run.id)]);
      expect(chain.reduce((sum, run) => sum + (run.upserted as number), 0)).toBe(LEARNERS);
      expect(chain.reduce((sum, run) => sum + (run.failed as number), 0)).toBe(0);

      const contacts = standInContacts(standIn);
      expect(contacts.size).toBe(LEARNERS);
      expect(new Set([...contacts.values()].map((properties) => properties.learner_id))).toEqual(new Set(ids));
      const { rows: confirmed } = await db.pool.query("select count(*)::int as n from crm_sync.contact_state");
      expect(confirmed[0]!.n).toBe(LEARNERS);
      expect(alerts).toEqual([]);
    },
  );

  it("ends at a failed chunk and alerts once, from its last step", { timeout: 120_000 }, async () => {
    // Something to send: a new level and its learners (its properties must be created first).
    await createLevel(db.pool, "b1");
    await seedSimpleLearners(db.pool, 5, ["b1"], "alert");
    standIn.revokeTokens([DEFAULT_TOKEN]);
    try {
      const client = createHubSpotClient({ accessToken: DEFAULT_TOKEN, baseUrl: standIn.url, ratePer10s: 190 });
      const started = await startDurableSync(
        { pool: db.pool, hubspot: client, sourceSchema: "public" },
        actor,
        BUDGET_MS,
      );
      const workflow = getRun<SyncChainResult>(started.workflowRunId!);
      const result = await workflow.returnValue;
      expect(await workflow.status).toBe("completed");
      expect(result).toEqual({ chunks: 1, outcome: { kind: "ended", runId: started.runId, status: "failed" } });
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toContain(`#${started.runId}`);
      const { rows } = await db.pool.query(
        "select status, alerted_at is not null as alerted from crm_sync.runs where id = $1",
        [started.runId],
      );
      expect(rows[0]).toEqual({ status: "failed", alerted: true });
    } finally {
      standIn.addTokens([DEFAULT_TOKEN]);
    }
  });
});
