/**
 * Issue #10 item 10: a run held to a time budget (here 5 s per invocation, the way "Sync now" and
 * the cron are held to Vercel's maxDuration) completes across several invocations with nothing
 * lost, and no HubSpot write starts once an invocation's budget is spent (the queue of a partly
 * filled batch waits for the next invocation instead of draining past the budget).
 * Time is simulated: each batch/upsert call moves the clock on by 2.5 s, so the test does not
 * depend on the machine's speed.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import type { SyncHubSpotClient } from "@/lib/sync/hubspot-port";
import { createLevel, seedSimpleLearners } from "@/test/support/sync/source-fixtures";
import { overrideClient } from "@/test/support/sync/override-client";
import { setUpSyncHarness, standInContacts } from "@/test/support/sync/sync-harness";
import { runCronSync } from "./run-cron-sync";

const h = setUpSyncHarness();
const CALL_MS = 2_500;
const BUDGET_MS = 5_000;

afterEach(() => vi.restoreAllMocks());

/** The harness client, except that each contact write takes CALL_MS of simulated time and is logged with its start time. */
function slowClient(clock: { now: number }, starts: number[]): SyncHubSpotClient {
  const client = h.client();
  return overrideClient(client, {
    upsertContacts: async (body, options) => {
      starts.push(clock.now);
      clock.now += CALL_MS;
      return client.upsertContacts(body, options);
    },
  });
}

describe("a sync in 5-second chunks", () => {
  it("completes across at least 5 invocations, nothing lost, no write after a budget ran out", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 1000, ["a1"]);
    const clock = { now: Date.parse("2026-12-06T12:00:00Z") };
    vi.spyOn(Date, "now").mockImplementation(() => clock.now);
    const invocations: { deadline: number; starts: number[]; continuing: boolean }[] = [];
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const starts: number[] = [];
      const deadline = clock.now + BUDGET_MS;
      // batchSize 130: database batches do not line up with batches of 100, so contacts wait in the queue.
      const outcome = await runCronSync(
        { pool: h.db.pool, hubspot: slowClient(clock, starts), sourceSchema: "public" },
        { timeBudgetMs: BUDGET_MS, batchSize: 130 },
      );
      if (!outcome.body.ok) throw new Error(`invocation ${attempt + 1} failed: ${outcome.body.message}`);
      invocations.push({ deadline, starts, continuing: outcome.body.continuing });
      if (!outcome.body.continuing) break;
      clock.now += 60_000;
    }
    expect(invocations.length).toBeGreaterThanOrEqual(5);
    expect(invocations.at(-1)?.continuing).toBe(false);
    const late = invocations.flatMap((invocation, index) =>
      invocation.starts.filter((start) => start >= invocation.deadline).map(() => index + 1),
    );
    expect(late, "invocations that started a HubSpot write after their budget").toEqual([]);
    expect(standInContacts(h.standIn).size).toBe(1000);
    const { rows } = await h.db.pool.query("select count(*)::int as n from crm_sync.contact_state");
    expect(rows[0]!.n).toBe(1000);
    const chain = await h.db.pool.query(
      "select sum(upserted)::int as upserted, sum(failed)::int as failed from crm_sync.runs where mode = 'live'",
    );
    expect(chain.rows[0]).toEqual({ upserted: 1000, failed: 0 });
  });
});
