/**
 * Verify on Vercel (the cron's `?mode=verify`, "Verify HubSpot") is held to a time budget like the
 * sync: a verify forced into 5-second chunks stops at a page boundary once its budget is spent,
 * says honestly how much it covered, and the next invocation continues after the last contact
 * checked, until every synced contact was read back exactly once.
 * Time is simulated (as in chunked-sync.test.ts): each batch/read call moves the clock on by 2.5 s.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import type { SyncHubSpotClient } from "@/lib/sync/hubspot-port";
import { runSync } from "@/lib/sync/run-sync";
import { createLevel, seedSimpleLearners } from "@/test/support/sync/source-fixtures";
import { overrideClient } from "@/test/support/sync/override-client";
import { setUpSyncHarness } from "@/test/support/sync/sync-harness";
import { runCronVerify } from "./run-cron-verify";

const h = setUpSyncHarness();
const CALL_MS = 2_500;
const BUDGET_MS = 5_000;

afterEach(() => vi.restoreAllMocks());

/** The harness client, except that each batch/read takes CALL_MS of simulated time; logs its start time and ids. */
function slowReader(clock: { now: number }, reads: { at: number; ids: string[] }[]): SyncHubSpotClient {
  const client = h.client();
  return overrideClient(client, {
    readContacts: async (request) => {
      reads.push({ at: clock.now, ids: [...request.ids] });
      clock.now += CALL_MS;
      return client.readContacts(request);
    },
  });
}

describe("a verify in 5-second chunks", () => {
  it("pauses at its budget with its coverage, and the next invocations continue until every contact was read once", async () => {
    await createLevel(h.db.pool, "a1");
    const ids = await seedSimpleLearners(h.db.pool, 450, ["a1"]);
    await runSync(h.options());
    const { rows } = await h.db.pool.query(
      "select user_id::text as user_id, hubspot_id from crm_sync.contact_state order by user_id",
    );
    const contactIds = rows.map((row: { hubspot_id: string }) => row.hubspot_id);
    // One difference in the last page (user_id order), found by the last invocation.
    const lastRow = rows.at(-1) as { user_id: string; hubspot_id: string };
    h.standIn.editContact(lastRow.hubspot_id, { level_a1_units_completed: "9" });

    const clock = { now: Date.parse("2026-12-07T03:00:00Z") };
    vi.spyOn(Date, "now").mockImplementation(() => clock.now);
    const invocations: { deadline: number; reads: { at: number; ids: string[] }[]; body: unknown }[] = [];
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const reads: { at: number; ids: string[] }[] = [];
      const deadline = clock.now + BUDGET_MS;
      const outcome = await runCronVerify(
        { pool: h.db.pool, hubspot: slowReader(clock, reads) },
        { timeBudgetMs: BUDGET_MS },
      );
      if (!outcome.body.ok) throw new Error(`invocation ${attempt + 1} failed: ${outcome.body.message}`);
      invocations.push({ deadline, reads, body: outcome.body });
      if (!outcome.body.continuing) break;
      clock.now += 15 * 60_000;
    }

    // 5 pages of at most 100 contacts, 2 pages (5 s) per invocation.
    expect(invocations.map((invocation) => invocation.body)).toMatchObject([
      { status: "paused", continuing: true, resumedFromRunId: null, checked: 200, chainChecked: 200, total: 450 },
      { status: "paused", continuing: true, checked: 200, chainChecked: 400, total: 450, differences: 0 },
      { status: "succeeded", continuing: false, checked: 50, chainChecked: 450, total: 450, differences: 1 },
    ]);
    expect((invocations[0]!.body as { message: string }).message).toBe(
      "Partial: checked 200 contacts, 200 of 450 so far, before the time budget ran out: no difference so far. 250 not checked yet: the next verify continues from contact 201.",
    );
    const late = invocations.flatMap((invocation, index) =>
      invocation.reads.filter((read) => read.at >= invocation.deadline).map(() => index + 1),
    );
    expect(late, "invocations that started a read after their budget").toEqual([]);
    const read = invocations.flatMap((invocation) => invocation.reads.flatMap((entry) => entry.ids));
    expect(read).toHaveLength(450);
    expect(new Set(read)).toEqual(new Set(contactIds));

    // The runs form one chain; each paused one says where it stopped; the difference is marked for resending.
    const runs = await h.db.pool.query(
      `select id::int as id, status, stopped_phase, processed, chain_processed, total_learners,
              resumed_from_run_id::int as resumed_from, resumed_by_run_id::int as resumed_by
       from crm_sync.runs where mode = 'verify' order by id`,
    );
    const [first, second, third] = runs.rows;
    expect(runs.rows).toEqual([
      {
        ...first,
        status: "paused",
        stopped_phase: "verifying",
        processed: 200,
        chain_processed: 200,
        total_learners: 450,
        resumed_from: null,
        resumed_by: second.id,
      },
      {
        ...second,
        status: "paused",
        processed: 200,
        chain_processed: 400,
        resumed_from: first.id,
        resumed_by: third.id,
      },
      { ...third, status: "succeeded", processed: 50, chain_processed: 450, resumed_from: second.id, resumed_by: null },
    ]);
    const marked = await h.db.pool.query(
      "select user_id::text as id from crm_sync.contact_state where resend_requested_at is not null",
    );
    expect(marked.rows).toEqual([{ id: lastRow.user_id }]);
    expect(ids).toContain(lastRow.user_id);

    // Without a continuable verify the next invocation starts a new pass from the first contact.
    const fresh = await runCronVerify({ pool: h.db.pool, hubspot: slowReader(clock, []) }, { timeBudgetMs: BUDGET_MS });
    expect(fresh.body).toMatchObject({ ok: true, resumedFromRunId: null, chainChecked: 200, total: 450 });
  });

  it("continues a verify whose process died (stale heartbeat) from its last recorded page", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 150, ["a1"]);
    await runSync(h.options());
    const cursor = (
      await h.db.pool.query("select user_id::text as id from crm_sync.contact_state order by user_id offset 99 limit 1")
    ).rows[0].id as string;
    const { rows } = await h.db.pool.query(
      `insert into crm_sync.runs (mode, trigger, started_by_label, phase, total_learners, processed, chain_processed,
         cursor_user_id, heartbeat_at)
       values ('verify', 'cron', 'cron', 'verifying', 150, 100, 100, $1, now() - interval '1 hour') returning id::int as id`,
      [cursor],
    );
    const died = rows[0].id as number;
    const outcome = await runCronVerify({ pool: h.db.pool, hubspot: h.client() }, { timeBudgetMs: BUDGET_MS });
    expect(outcome.body).toMatchObject({
      ok: true,
      status: "succeeded",
      resumedFromRunId: died,
      checked: 50,
      chainChecked: 150,
      total: 150,
    });
    const old = await h.db.pool.query("select status, stopped_phase from crm_sync.runs where id = $1", [died]);
    expect(old.rows[0]).toEqual({ status: "interrupted", stopped_phase: "verifying" });
  });
});
