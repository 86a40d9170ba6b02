/**
 * Rate limits, retries and typed failures against the in-process stand-in. Time is virtual:
 * `Date` is faked for both the client and the stand-in's rate windows, and `sleep` jumps the
 * clock, so ten-second windows pass instantly and waits are asserted exactly.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_TOKEN } from "@/sandbox/hubspot/server";
import type { HubSpotClientConfig, HubSpotEvent } from "../client";
import { HubSpotError } from "../errors";
import { connectToStandIn, setUpGuardedStandIn, useVirtualClock } from "@/test/support/hubspot/hubspot-test-helpers";

const hub = setUpGuardedStandIn();
let clock: ReturnType<typeof useVirtualClock>;

beforeEach(() => {
  clock = useVirtualClock();
});
afterEach(() => clock.restore());

function connect(overrides: Partial<HubSpotClientConfig> = {}) {
  const events: HubSpotEvent[] = [];
  const client = connectToStandIn(hub.standIn, {
    maxAttempts: 4,
    baseDelayMs: 100,
    random: () => 0.5,
    now: clock.now,
    sleep: clock.sleep,
    onEvent: (event) => events.push(event),
    ...overrides,
  });
  return { client, events };
}

async function failureOf(work: Promise<unknown>): Promise<HubSpotError> {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof HubSpotError)) throw new Error(`expected a HubSpotError, got ${String(error)}`);
  return error;
}

const statuses = () => hub.standIn.requests().map((entry) => entry.status);

describe("429 handling", () => {
  it("waits exactly as long as Retry-After says", async () => {
    hub.standIn.configure({ retryAfterHeader: true });
    hub.standIn.setFaults({ failNext: { status: 429, count: 1 } });
    const { client, events } = connect();
    await expect(client.getAccountDetails()).resolves.toMatchObject({ portalId: 12345678 });
    expect(clock.sleeps).toEqual([1_000]);
    expect(events.filter((event) => event.type === "rate_limited")).toEqual([{ type: "rate_limited", waitMs: 1_000 }]);
    expect(client.stats).toMatchObject({ requests: 2, rateLimited: 1, retries: 0 });
    expect(statuses()).toEqual([429, 200]);
  });

  it("rides out the stand-in's real rolling window via Retry-After when the client budget is set too high", async () => {
    hub.standIn.configure({ rateLimitPer10s: 2, retryAfterHeader: true });
    const { client } = connect();
    for (let call = 0; call < 3; call += 1) await client.listContactPropertyGroups();
    expect(clock.sleeps).toEqual([10_000]);
    expect(statuses()).toEqual([200, 200, 429, 200]);
  });

  it("without Retry-After waits for the rest of the window, read from the rate-limit headers", async () => {
    const { client } = connect();
    await client.listContactPropertyGroups();
    await clock.sleep(3_000);
    hub.standIn.setFaults({ failNext: { status: 429, count: 1 } });
    await client.listContactPropertyGroups();
    // The stand-in answered Remaining 0 / Interval 10000: our oldest request leaves the window in 7 s.
    expect(clock.sleeps).toEqual([3_000, 7_000]);
    expect(statuses()).toEqual([200, 429, 200]);
  });

  it("gives up after maxRateLimitWaits with a rate_limited error that carries the wait", async () => {
    hub.standIn.setFaults({ rate429Rate: 1 });
    const { client } = connect({ maxRateLimitWaits: 2 });
    const error = await failureOf(client.listContactProperties());
    expect(error).toMatchObject({ category: "rate_limited", status: 429, isRetryable: true, retryAfterMs: 10_000 });
    expect(statuses()).toEqual([429, 429, 429]);
  });

  it("does not wait out the daily limit: throws a distinct daily_limit error at once, with HubSpot's Retry-After", async () => {
    hub.standIn.configure({ dailyLimit: 1, retryAfterHeader: true });
    const { client, events } = connect();
    await client.listContactPropertyGroups();
    const error = await failureOf(client.listContactPropertyGroups());
    expect(error).toMatchObject({ category: "daily_limit", status: 429, isRetryable: false, attempts: 1 });
    expect(error.message).toMatch(/daily API limit is used up/);
    expect(error.retryAfterMs).toBe(12 * 3_600_000);
    expect(clock.sleeps).toEqual([]);
    expect(events.filter((event) => event.type !== "request")).toEqual([]);
    expect(statuses()).toEqual([200, 429]);
  });

  it("does not retry the daily limit even when HubSpot names no wait (no Retry-After)", async () => {
    hub.standIn.configure({ dailyLimit: 1 });
    const { client } = connect({ maxRateLimitWaitMs: 24 * 3_600_000 });
    await client.getAccountDetails();
    const error = await failureOf(
      client.upsertContacts({ inputs: [{ idProperty: "email", id: "a@b.co", properties: {} }] }),
    );
    expect(error).toMatchObject({ category: "daily_limit", retryAfterMs: null });
    expect(statuses()).toEqual([200, 429]);
    expect(client.stats).toMatchObject({ requests: 2, rateLimited: 1, retries: 0 });
  });
});

describe("client-side budget", () => {
  it("keeps a burst of 30 calls under a limit of 10 per 10 s without a single 429, at full speed", async () => {
    hub.standIn.configure({ rateLimitPer10s: 10 });
    const { client } = connect({ ratePer10s: 10 });
    const startedAt = clock.now();
    const sentAt: number[] = [];
    for (let call = 0; call < 30; call += 1) {
      await client.getAccountDetails();
      sentAt.push(clock.now() - startedAt);
    }
    expect(statuses().filter((status) => status !== 200)).toEqual([]);
    expect(client.stats.rateLimited).toBe(0);
    // 30 calls at 10 per window fit in 3 windows: the budget is used fully, never exceeded.
    expect(clock.now() - startedAt).toBe(20_000);
    for (let index = 10; index < sentAt.length; index += 1)
      expect(sentAt[index]! - sentAt[index - 10]!).toBeGreaterThanOrEqual(10_000);
  });
});

describe("retries and typed failures", () => {
  it("retries 5xx with jittered backoff and then succeeds", async () => {
    hub.standIn.setFaults({ failNext: { status: 503, count: 2 } });
    const { client, events } = connect();
    await expect(client.listContactPropertyGroups()).resolves.toContainEqual(
      expect.objectContaining({ name: "contactinformation" }),
    );
    expect(events.filter((event) => event.type === "retry")).toEqual([
      { type: "retry", reason: "server", waitMs: 50, attempt: 1 },
      { type: "retry", reason: "server", waitMs: 100, attempt: 2 },
    ]);
    expect(client.stats).toMatchObject({ requests: 3, retries: 2, rateLimited: 0 });
    expect(statuses()).toEqual([503, 503, 200]);
  });

  it("throws a server error after maxAttempts of persistent 5xx", async () => {
    hub.standIn.setFaults({ error5xxRate: 1 });
    const { client } = connect();
    const error = await failureOf(client.listContactProperties());
    expect(error).toMatchObject({ category: "server", isRetryable: true, attempts: 4 });
    expect([500, 502, 503]).toContain(error.status);
    expect(error.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(hub.standIn.requests()).toHaveLength(4);
  });

  it("times out hung requests, retries them, then throws timeout", async () => {
    hub.standIn.setFaults({ timeoutRate: 1, timeoutMs: 5_000 });
    const { client, events } = connect({ requestTimeoutMs: 80, maxAttempts: 3 });
    const error = await failureOf(client.getAccountDetails());
    expect(error).toMatchObject({ category: "timeout", status: null, isRetryable: true, attempts: 3 });
    expect(
      events.filter((event) => event.type === "request").map((event) => event.type === "request" && event.status),
    ).toEqual([null, null, null]);
    expect(client.stats.retries).toBe(2);
  });

  it("retries truncated JSON, then throws malformed_response", async () => {
    hub.standIn.setFaults({ malformedRate: 1 });
    const { client } = connect({ maxAttempts: 3 });
    const error = await failureOf(client.listContactProperties());
    expect(error).toMatchObject({ category: "malformed_response", status: 200, isRetryable: true, attempts: 3 });
    expect(statuses()).toEqual([200, 200, 200]);
  });

  it("stops at the first 401 (revoked token): exactly one request, no retry", async () => {
    hub.standIn.revokeTokens([DEFAULT_TOKEN]);
    const { client, events } = connect();
    const error = await failureOf(client.listContactProperties());
    expect(error).toMatchObject({ category: "unauthorized", status: 401, isRetryable: false });
    expect(error.message).toMatch(/revoked/);
    expect(hub.standIn.requests()).toHaveLength(1);
    expect(events.map((event) => event.type)).toEqual(["request"]);
    expect(clock.sleeps).toEqual([]);
  });

  it("does not retry 403 (missing scope) or 404", async () => {
    hub.standIn.setFaults({ failNext: { status: 403, count: 1 } });
    const { client } = connect();
    expect(await failureOf(client.listContactProperties())).toMatchObject({
      category: "forbidden",
      status: 403,
      isRetryable: false,
    });
    expect(await failureOf(client.getContactProperty("no_such_property"))).toMatchObject({
      category: "not_found",
      status: 404,
    });
    expect(statuses()).toEqual([403, 404]);
  });
});
