/**
 * A sync process killed with SIGKILL mid-run (no chance to clean up), then resumed: no learner is
 * lost, and only the batches in flight at the kill may be sent twice.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_CONCURRENT_BATCHES, runSync } from "./run-sync";
import { createLevel, seedSimpleLearners } from "@/test/support/sync/source-fixtures";
import { setUpSyncHarness, standInContacts } from "@/test/support/sync/sync-harness";

const h = setUpSyncHarness();
const REPO_ROOT = path.resolve(import.meta.dirname, "../..");

function emailsOf(body: string): string[] {
  return (JSON.parse(body) as { inputs: { id: string }[] }).inputs.map((input) => input.id);
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("a sync killed mid-run", () => {
  it("resumes from its cursor: nobody lost, nobody sent twice except the interrupted batch", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 1200, ["a1"]);
    h.standIn.configure({ latencyMs: 150 });
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/sync.ts", "--batch-size", "100"], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        DATABASE_URL: h.db.url,
        HUBSPOT_ACCESS_TOKEN: "demo-hubspot-token",
        HUBSPOT_BASE_URL: h.proxy.url,
        HUBSPOT_RATE_LIMIT_PER_10S: "190",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_code, signal) => resolve(signal)),
    );
    await waitFor(() => h.proxy.upsertBodies().length >= 5 || child.exitCode !== null, 60_000);
    expect(child.exitCode, stderr).toBeNull();
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    // A request already on the wire still reaches the stand-in: let it land before taking stock.
    await new Promise((resolve) => setTimeout(resolve, 400));
    const killedBodies = h.proxy.upsertBodies();
    const [dead] = (await h.db.pool.query("select id::int as id, status, processed from crm_sync.runs")).rows;
    expect(dead.status).toBe("running");
    expect(dead.processed).toBeGreaterThanOrEqual(100);

    h.standIn.configure({ latencyMs: 0 });
    const resumed = await runSync(h.options({ batchSize: 100, staleAfterMs: 1 }));
    expect(resumed).toMatchObject({
      status: "succeeded",
      resumedFromRunId: dead.id,
      summary: { learners: 1200 - dead.processed },
    });

    const allBodies = h.proxy.upsertBodies();
    const sendCount = new Map<string, number>();
    for (const email of allBodies.flatMap(emailsOf)) sendCount.set(email, (sendCount.get(email) ?? 0) + 1);
    expect(sendCount.size).toBe(1200);
    expect(standInContacts(h.standIn).size).toBe(1200);
    const twice = [...sendCount].filter(([, count]) => count > 1).map(([email]) => email);
    expect([...sendCount.values()].every((count) => count <= 2)).toBe(true);
    // Only rows of the batches in flight at the kill (at most maxConcurrentBatches = 3) may have been sent again.
    const inFlightAtKill = new Set(killedBodies.slice(-DEFAULT_MAX_CONCURRENT_BATCHES).flatMap(emailsOf));
    expect(twice.length).toBeLessThanOrEqual(DEFAULT_MAX_CONCURRENT_BATCHES * 100);
    expect(twice.every((email) => inFlightAtKill.has(email))).toBe(true);
    const { rows } = await h.db.pool.query("select count(*)::int as n from crm_sync.contact_state");
    expect(rows[0].n).toBe(1200);
  });
});
