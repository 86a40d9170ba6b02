/**
 * The sync actions end to end below the browser: real database and HubSpot stand-in, with the
 * session (cookies + JWT in the app) and the Workflow SDK's `start` (below) replaced.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { StaffSession } from "@/lib/auth/get-staff-session";
import { createLevel, seedSimpleLearners } from "@/test/support/sync/source-fixtures";
import { setUpSyncHarness, standInContacts } from "@/test/support/sync/sync-harness";
import { DEFAULT_TOKEN } from "@/sandbox/hubspot/server";

const fake = vi.hoisted(() => ({
  session: { kind: "anonymous" } as StaffSession,
  pool: null as unknown,
  hubspotUrl: "",
  background: [] as Promise<unknown>[],
}));

vi.mock("@/lib/auth/get-staff-session", () => ({ getStaffSession: async () => fake.session }));
vi.mock("@/lib/db/pool", () => ({ getPool: () => fake.pool, getSyncPool: () => fake.pool }));
vi.mock("@/lib/config/env", () => ({
  serverEnv: () => ({
    DATABASE_URL: "unused",
    HUBSPOT_ACCESS_TOKEN: DEFAULT_TOKEN,
    HUBSPOT_BASE_URL: fake.hubspotUrl,
    HUBSPOT_RATE_LIMIT_PER_10S: 190,
    SOURCE_SCHEMA: "public",
  }),
}));
// The Workflow SDK's runtime needs its compiler (the "workflow" vitest project runs it for real:
// lib/workflows/sync-run-workflow.workflow.test.ts). Here `start` drives the same chain of chunks
// in the background, each chunk through the real engine, so the action's own contract is tested.
vi.mock("workflow/api", () => ({
  start: async (_workflow: unknown, [input]: [import("@/lib/sync/durable/drive-sync-chain").SyncChainStart]) => {
    const { driveSyncChain } = await import("@/lib/sync/durable/drive-sync-chain");
    const { runSyncChunk } = await import("@/lib/sync/durable/run-sync-chunk");
    const { getSyncDependencies } = await import("@/lib/sync/execute/get-sync-dependencies");
    fake.background.push(
      driveSyncChain(
        input,
        async (chunk) => {
          const outcome = await runSyncChunk(getSyncDependencies(), chunk, 1);
          if (outcome.kind === "wait") throw new Error(`chunk of run #${outcome.runId} would wait for its lease`);
          return outcome;
        },
        () => crypto.randomUUID(),
      ),
    );
    return { runId: "wrun_test" };
  },
}));

const { startSync } = await import("./start-sync");
const { previewPayload } = await import("./preview-payload");
const { readPreviewBatchPage } = await import("./read-preview-page");

const h = setUpSyncHarness();

/** A proxy to the stand-in that holds every request until released: the run stays "running" meanwhile. */
async function startGate(target: string) {
  let release!: () => void;
  const opened = new Promise<void>((resolve) => (release = resolve));
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", async () => {
      await opened;
      const headers = Object.fromEntries(
        Object.entries(request.headers).filter(
          (entry): entry is [string, string] => typeof entry[1] === "string" && entry[0] !== "host",
        ),
      );
      const upstream = await fetch(`${target}${request.url ?? "/"}`, {
        method: request.method,
        headers,
        body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
      });
      response.writeHead(upstream.status, {
        "content-type": upstream.headers.get("content-type") ?? "application/json",
      });
      response.end(Buffer.from(await upstream.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    release,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function signInAs(role: "viewer" | "operator" | "admin") {
  fake.session = {
    kind: "staff",
    role,
    user: { id: "6f1c1f3e-2f1a-4c55-9b7e-0d5f7a1c2b3d", email: `${role}@school.test` },
  };
}

async function liveRuns(): Promise<number> {
  return (await h.db.pool.query("select count(*)::int as n from crm_sync.runs where mode = 'live'")).rows[0]
    .n as number;
}

describe("sync actions", () => {
  beforeEach(async () => {
    fake.pool = h.db.pool;
    fake.hubspotUrl = h.standIn.url;
    fake.background = [];
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 20, ["a1"]);
  });

  it("refuses to start a sync for a viewer, an outsider and a signed-out caller", async () => {
    signInAs("viewer");
    expect(await startSync({})).toEqual({
      ok: false,
      error: { code: "forbidden", message: "This needs the operator role; you are a viewer." },
    });
    fake.session = {
      kind: "not_staff",
      user: { id: "6f1c1f3e-2f1a-4c55-9b7e-0d5f7a1c2b3d", email: "learner@school.test" },
    };
    expect(await startSync({})).toMatchObject({ ok: false, error: { code: "forbidden" } });
    fake.session = { kind: "anonymous" };
    expect(await startSync({})).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    expect(await liveRuns()).toBe(0);
    expect(h.standIn.state.listContacts()).toHaveLength(0);
  });

  it("lets a viewer preview: a dry run with batches and nothing written to HubSpot", async () => {
    signInAs("viewer");
    const result = await previewPayload({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // The answer is the summary and "batch N of M"; the batches are fetched a page at a time.
    expect(result.data).toMatchObject({
      summary: { learners: 20, toUpsert: 20 },
      batchCount: 1,
      joined: false,
      isStored: true,
      // The daily quota: one batch call, which fits today.
      quota: expect.objectContaining({ calls: 1, days: 1, todayCalls: 1 }),
    });
    expect(result.data).not.toHaveProperty("document");
    const batch = await readPreviewBatchPage({ runId: result.data.runId, batch: 1 });
    if (!batch.ok) throw new Error(batch.error.message);
    expect((JSON.parse(batch.data.body) as { inputs: unknown[] }).inputs).toHaveLength(20);
    expect(standInContacts(h.standIn).size).toBe(0);
    const audit = await h.db.pool.query("select actor_label, action from crm_sync.audit_log where target = $1", [
      `run #${result.data.runId}`,
    ]);
    expect(audit.rows).toEqual([{ actor_label: "viewer@school.test", action: "sync.preview" }]);
  });

  it("starts a live run for an operator that goes on after the answer, audited; a second start is a conflict", async () => {
    signInAs("operator");
    const gate = await startGate(h.standIn.url);
    fake.hubspotUrl = gate.url;
    try {
      const first = await startSync({});
      expect(first).toMatchObject({ ok: true, data: { runId: expect.any(Number) } });
      // The answer came while HubSpot had not been called yet: the run goes on in the background.
      expect(h.standIn.state.listContacts()).toHaveLength(0);
      const second = await startSync({});
      expect(second).toMatchObject({
        ok: false,
        error: {
          code: "conflict",
          message: expect.stringMatching(/already running: run #\d+ started by operator@school\.test/),
        },
      });
      gate.release();
      await Promise.all(fake.background);
      await checkFinishedRun(first.ok ? first.data.runId : -1);
    } finally {
      gate.release();
      await gate.stop();
    }
  });

  async function checkFinishedRun(runId: number) {
    expect(standInContacts(h.standIn).size).toBe(20);
    const run = await h.db.pool.query("select status, trigger, started_by_label from crm_sync.runs where id = $1", [
      runId,
    ]);
    expect(run.rows).toEqual([{ status: "succeeded", trigger: "ui", started_by_label: "operator@school.test" }]);
    const audit = await h.db.pool.query(
      "select actor_label from crm_sync.audit_log where action = 'sync.start' and target = $1",
      [`run #${runId}`],
    );
    expect(audit.rows).toEqual([{ actor_label: "operator@school.test" }]);
  }

  it("rejects unexpected input", async () => {
    signInAs("admin");
    expect(await startSync({ full: true })).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    expect(await liveRuns()).toBe(0);
  });
});
