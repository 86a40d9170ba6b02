/**
 * Issue #11, item 6: a sync larger than what is left of the day's HubSpot quota. The run sends what
 * fits, pauses at a batch boundary with the time it may continue (the account's next midnight),
 * the cron waits until then, and the run that continues after the reset completes with nothing
 * lost and nothing sent twice. Time is simulated: `Date.now` is moved for the app and the
 * in-process stand-in alike (HubSpot's day turns at midnight in the account's zone, New York here).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadLiveRunState } from "@/app/api/runs/live/load-live-run-state";
import { liveRunStateSchema } from "@/lib/contracts/live-run-response";
import { runCronSync } from "@/lib/cron/run-cron-sync";
import { createLevel, seedSimpleLearners } from "@/test/support/sync/source-fixtures";
import { overrideClient } from "@/test/support/sync/override-client";
import { setUpSyncHarness, standInContacts } from "@/test/support/sync/sync-harness";
import { runSync } from "./run-sync";
import { SyncQuotaWaitError } from "./sync-errors";

const h = setUpSyncHarness({ timeZone: "America/New_York" });
const LEARNERS = 1_000;
// 21:00 on 10 Mar 2026 in New York (UTC−4 since 8 Mar); the account's day turns at 04:00 UTC.
const EVENING = Date.parse("2026-03-11T01:00:00Z");
const MIDNIGHT = "2026-03-11T04:00:00.000Z";
const AFTER_MIDNIGHT = Date.parse("2026-03-11T04:00:30Z");
const UPSERT = "/crm/v3/objects/contacts/batch/upsert";

let clock = EVENING;
afterEach(() => vi.restoreAllMocks());

async function runRows() {
  const { rows } = await h.db.pool.query(
    `select id::int as id, status, stop_reason, resume_after, resume_time_zone, resumed_from_run_id::int as resumed_from,
       upserted, message from crm_sync.runs where mode = 'live' order by id`,
  );
  return rows as {
    id: number;
    status: string;
    stop_reason: string | null;
    resume_after: Date | null;
    resume_time_zone: string | null;
    resumed_from: number | null;
    upserted: number;
    message: string;
  }[];
}

/** How many batch/upserts HubSpot accepted (2xx) with each email in them. */
function acceptedWritesPerEmail(): Map<string, number> {
  const writes = new Map<string, number>();
  for (const request of h.proxy.requests()) {
    if (request.method !== "POST" || !request.path.startsWith(UPSERT) || request.status >= 300) continue;
    for (const input of (JSON.parse(request.body) as { inputs: { id: string }[] }).inputs)
      writes.set(input.id, (writes.get(input.id) ?? 0) + 1);
  }
  return writes;
}

async function confirmedCount(): Promise<number> {
  const { rows } = await h.db.pool.query("select count(*)::int as n from crm_sync.contact_state");
  return rows[0]!.n as number;
}

/** Evening in New York (the simulated clock starts), and `learners` learners of level a1 to send. */
async function seedEvening(learners = LEARNERS): Promise<void> {
  clock = EVENING;
  vi.spyOn(Date, "now").mockImplementation(() => clock);
  await createLevel(h.db.pool, "a1");
  await seedSimpleLearners(h.db.pool, learners, ["a1"]);
}

/** Every learner reached HubSpot, each in exactly one accepted write (nothing lost, nothing sent twice). */
function expectEachLearnerWrittenOnce(): void {
  expect(standInContacts(h.standIn).size).toBe(LEARNERS);
  const accepted = acceptedWritesPerEmail();
  expect(accepted.size).toBe(LEARNERS);
  expect([...accepted.values()].filter((count) => count > 1)).toEqual([]);
}

async function callsToday(day: string): Promise<number> {
  const { rows } = await h.db.pool.query(
    "select coalesce(sum(calls), 0)::int as n from crm_sync.hubspot_daily_usage where day = $1",
    [day],
  );
  return rows[0]!.n as number;
}

describe("HubSpot's daily quota", () => {
  it("pauses at HubSpot's 429 DAILY, the cron waits for the reset, and the run after it completes: nothing lost, nothing sent twice", async () => {
    await seedEvening();
    // Our own count would allow the whole sync: the refusal comes from HubSpot (other apps share the quota).
    h.standIn.configure({ dailyLimit: 12 });

    const first = await runSync(h.options());

    expect(first).toMatchObject({
      status: "paused",
      continuing: true,
      quotaPause: { resumesAt: MIDNIGHT, timeZone: "America/New_York" },
    });
    expect(first.message).toContain("HubSpot refused with 429 DAILY");
    expect(first.message).toContain("00:00 America/New_York on 11 Mar 2026 (04:00 UTC)");
    const refused = h.proxy.requests().filter((request) => request.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    // No backoff loop on a daily refusal: each refused call was sent once, and nothing after the pause.
    expect(refused.length).toBeLessThanOrEqual(3);
    const [paused] = await runRows();
    expect(paused).toMatchObject({
      status: "paused",
      stop_reason: "daily_quota",
      resume_time_zone: "America/New_York",
    });
    expect(paused!.resume_after?.toISOString()).toBe(MIDNIGHT);
    // Everything HubSpot accepted is recorded; the refused batch is not counted as sent.
    const acceptedDay1 = acceptedWritesPerEmail();
    expect(acceptedDay1.size).toBeGreaterThan(0);
    expect(acceptedDay1.size).toBeLessThan(LEARNERS);
    expect(standInContacts(h.standIn).size).toBe(acceptedDay1.size);
    expect(await confirmedCount()).toBe(acceptedDay1.size);
    expect(paused!.upserted).toBeLessThanOrEqual(acceptedDay1.size);
    // The Sync page's feed says why it paused and when it continues.
    const live = liveRunStateSchema.parse(JSON.parse(JSON.stringify(await loadLiveRunState(h.db.pool))));
    expect(live.run).toMatchObject({
      status: "paused",
      isResumable: true,
      quotaPause: { resumeAfter: MIDNIGHT, timeZone: "America/New_York" },
    });

    // Before the reset the cron starts nothing and calls nothing.
    clock = Date.parse("2026-03-11T03:45:00Z");
    const requestsBefore = h.proxy.requests().length;
    const waiting = await runCronSync(
      { pool: h.db.pool, hubspot: h.client(), sourceSchema: "public" },
      { timeBudgetMs: 60_000 },
    );
    expect(waiting).toMatchObject({
      status: 200,
      body: { ok: false, error: "waiting_for_quota", runId: paused!.id, resumesAt: MIDNIGHT },
    });
    expect(waiting.body.message).toMatch(
      /^Waiting for HubSpot's daily API quota: run #\d+ paused .* resumes at 00:00 America\/New_York on 11 Mar 2026 \(04:00 UTC\)/,
    );
    await expect(runSync(h.options())).rejects.toBeInstanceOf(SyncQuotaWaitError);
    expect(h.proxy.requests().length).toBe(requestsBefore);
    expect(await runRows()).toHaveLength(1);

    // After midnight in New York HubSpot's day has turned: the cron continues the run to the end.
    clock = AFTER_MIDNIGHT;
    const resumed = await runCronSync(
      { pool: h.db.pool, hubspot: h.client(), sourceSchema: "public" },
      { timeBudgetMs: 60_000 },
    );
    expect(resumed).toMatchObject({ status: 200, body: { ok: true, status: "succeeded", continuing: false } });
    const rows = await runRows();
    expect(rows.map((row) => [row.status, row.resumed_from])).toEqual([
      ["paused", null],
      ["succeeded", paused!.id],
    ]);
    expect((await loadLiveRunState(h.db.pool)).run?.quotaPause).toBeNull();
    expect(await confirmedCount()).toBe(LEARNERS);
    expectEachLearnerWrittenOnce();
  });

  it("pre-empts: sends what fits what is left of today's quota by its own count, pauses without a 429, and finishes the next day", async () => {
    await seedEvening();
    await h.db.pool.query("update crm_sync.settings set daily_request_quota = 20");
    // Other runs of the app already used 8 calls of 10 Mar (the account's day).
    await h.db.pool.query(
      "insert into crm_sync.hubspot_daily_usage (day, time_zone, calls) values ('2026-03-10', 'America/New_York', 8)",
    );

    const first = await runSync(h.options());

    expect(first).toMatchObject({ status: "paused", quotaPause: { resumesAt: MIDNIGHT } });
    expect(first.message).toContain("Daily quota reached");
    expect(h.proxy.requests().filter((request) => request.status === 429)).toEqual([]);
    // Exactly the quota: 8 before, and this run's calls (account details, properties, batches) up to 20.
    expect(await callsToday("2026-03-10")).toBe(20);
    const acceptedDay1 = acceptedWritesPerEmail();
    expect(acceptedDay1.size).toBeGreaterThan(0);
    expect(acceptedDay1.size % 100).toBe(0);
    expect(await confirmedCount()).toBe(acceptedDay1.size);

    // A start before the reset is refused; the first after it continues with the new day's budget.
    await expect(runSync(h.options())).rejects.toThrow(/resumes at 00:00 America\/New_York/);
    clock = AFTER_MIDNIGHT;
    await h.db.pool.query("update crm_sync.settings set daily_request_quota = 250000");
    const second = await runSync(h.options());
    expect(second).toMatchObject({ status: "succeeded", continuing: false });
    expect(second.quotaPause).toBeUndefined();
    expect(await callsToday("2026-03-11")).toBe(second.apiCalls);
    expectEachLearnerWrittenOnce();
  });

  it("keeps what HubSpot confirmed behind the refused batch (answered out of order): not sent again the next day", async () => {
    await seedEvening();
    // The 2nd batch is held until the 3rd is answered; then the day is spent: the 2nd is refused.
    const client = h.client();
    let upserts = 0;
    let releaseSecond = () => {};
    const thirdAnswered = new Promise<void>((resolve) => (releaseSecond = resolve));
    const reordering = overrideClient(client, {
      upsertContacts: async (body, options) => {
        const index = upserts++;
        if (index === 1) await thirdAnswered;
        try {
          return await client.upsertContacts(body, options);
        } finally {
          if (index === 2) {
            h.standIn.configure({ dailyLimit: 1 });
            releaseSecond();
          }
        }
      },
    });

    const first = await runSync(h.options({ hubspot: reordering }));

    expect(first).toMatchObject({ status: "paused", quotaPause: { resumesAt: MIDNIGHT } });
    const acceptedBatches = h.proxy
      .requests()
      .filter((request) => request.path.startsWith(UPSERT) && request.status === 200);
    expect(acceptedBatches.length).toBeGreaterThanOrEqual(2);
    // Every contact HubSpot accepted has its state, including the batch answered behind the refused one.
    expect(await confirmedCount()).toBe(acceptedWritesPerEmail().size);

    clock = AFTER_MIDNIGHT;
    h.standIn.configure({ dailyLimit: 1_000_000 });
    expect(await runSync(h.options())).toMatchObject({ status: "succeeded" });
    expectEachLearnerWrittenOnce();
  });

  it("a preview says how many days the sync needs and which part goes today", async () => {
    await seedEvening(450);
    await h.db.pool.query("update crm_sync.settings set daily_request_quota = 2");
    // The account's zone is read from HubSpot (account-info) by the preview, which has a token.
    const dry = await runSync(h.options({ mode: "dry_run" }));
    expect(dry.message).toContain("Quota: 5 HubSpot calls, more than the");
    expect(dry.message).toContain("spread over 3 days");
    expect(dry.message).toContain("(America/New_York)");
    const { rows } = await h.db.pool.query("select account_time_zone from crm_sync.settings");
    expect(rows[0]).toEqual({ account_time_zone: "America/New_York" });
  });
});
