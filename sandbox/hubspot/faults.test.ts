import { describe, expect, it } from "vitest";
import { startHubSpotStandIn } from "./server";
import { callRaw, sdkClient, sdkFailure, setUpStandIn } from "@/test/support/hubspot/stand-in-test-support";

const harness = setUpStandIn({ seed: 42 });

const upsertOne = { inputs: [{ idProperty: "email", id: "ann@example.com", properties: { firstname: "Ann" } }] };

describe("injected faults", () => {
  it("answers 5xx with a HubSpot-style body and leaves state untouched", async () => {
    harness.standIn.setFaults({ error5xxRate: 1 });
    const failure = await sdkFailure(harness.client.crm.contacts.batchApi.upsert(upsertOne));
    expect([500, 502, 503]).toContain(failure.code);
    expect(failure.body).toMatchObject({ category: expect.any(String), correlationId: expect.any(String) });
    const raw = await callRaw(harness.standIn, "POST", "/crm/v3/objects/contacts/batch/upsert", { body: upsertOne });
    expect([500, 502, 503]).toContain(raw.status);
    expect(raw.body).toMatchObject({ status: "error", message: expect.any(String) });
    expect(raw.headers.get("x-hubspot-ratelimit-max")).toBe("190");
    expect(harness.standIn.state.contactCount()).toBe(0);
    expect(harness.standIn.requests().map((entry) => entry.fault)).toEqual(["error_5xx", "error_5xx"]);
  });

  it("answers a 429 storm with the rate-limit body and headers (Retry-After only when enabled)", async () => {
    harness.standIn.setFaults({ rate429Rate: 1 });
    const storm = await callRaw(harness.standIn, "POST", "/crm/v3/objects/contacts/batch/upsert", { body: upsertOne });
    expect(storm.status).toBe(429);
    expect(storm.body).toMatchObject({
      status: "error",
      errorType: "RATE_LIMIT",
      policyName: "TEN_SECONDLY_ROLLING",
      message: "You have reached your ten_secondly_rolling limit.",
    });
    expect(storm.headers.get("x-hubspot-ratelimit-remaining")).toBe("0");
    expect(storm.headers.get("x-hubspot-ratelimit-interval-milliseconds")).toBe("10000");
    expect(storm.headers.get("retry-after")).toBeNull();
    harness.standIn.configure({ retryAfterHeader: true });
    const withRetry = await callRaw(harness.standIn, "GET", "/crm/v3/properties/contacts");
    expect(withRetry.headers.get("retry-after")).toBe("1");
    expect(harness.standIn.state.contactCount()).toBe(0);
  });

  it("holds a timed-out request for timeoutMs and then drops the connection without an answer", async () => {
    harness.standIn.setFaults({ timeoutRate: 1, timeoutMs: 200 });
    const started = performance.now();
    await expect(harness.client.crm.contacts.batchApi.upsert(upsertOne)).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    await expect(
      fetch(`${harness.standIn.url}/crm/v3/properties/contacts`, {
        headers: { Authorization: "Bearer demo-hubspot-token" },
      }),
    ).rejects.toThrow();
    expect(harness.standIn.state.contactCount()).toBe(0);
    const entries = harness.standIn.requests();
    expect(entries.map((entry) => [entry.status, entry.fault])).toEqual([
      [0, "timeout"],
      [0, "timeout"],
    ]);
  });

  it("answers 200 with truncated JSON when malformed, which the SDK cannot parse", async () => {
    harness.standIn.setFaults({ malformedRate: 1 });
    await expect(harness.client.crm.contacts.batchApi.upsert(upsertOne)).rejects.toThrow(SyntaxError);
    const raw = await callRaw(harness.standIn, "GET", "/crm/v3/properties/contacts");
    expect(raw.status).toBe(200);
    expect(raw.headers.get("content-type")).toContain("application/json");
    expect(() => JSON.parse(raw.text)).toThrow();
    expect(harness.standIn.state.contactCount()).toBe(0);
  });

  it("fails exactly the next `count` requests with failNext, then recovers", async () => {
    harness.standIn.setFaults({ failNext: { status: 503, count: 2 } });
    expect((await sdkFailure(harness.client.crm.contacts.batchApi.upsert(upsertOne))).code).toBe(503);
    expect(harness.standIn.faults().failNext?.count).toBe(1);
    expect((await sdkFailure(harness.client.crm.contacts.batchApi.upsert(upsertOne))).code).toBe(503);
    const third = await harness.client.crm.contacts.batchApi.upsert(upsertOne);
    expect(third.results).toHaveLength(1);
  });

  it("sends a custom failNext body verbatim and a rate-limit body for a 429", async () => {
    harness.standIn.setFaults({ failNext: { status: 502, count: 1, body: "<html>Bad gateway</html>" } });
    const custom = await callRaw(harness.standIn, "GET", "/crm/v3/properties/contacts");
    expect([custom.status, custom.text]).toEqual([502, "<html>Bad gateway</html>"]);
    harness.standIn.setFaults({ failNext: { status: 429, count: 1 } });
    const limited = await callRaw(harness.standIn, "GET", "/crm/v3/properties/contacts");
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ errorType: "RATE_LIMIT" });
  });

  it("limits faults to onlyPaths prefixes", async () => {
    harness.standIn.setFaults({ error5xxRate: 1, onlyPaths: ["/crm/v3/objects/contacts/batch/"] });
    expect((await callRaw(harness.standIn, "GET", "/crm/v3/properties/contacts")).status).toBe(200);
    expect(
      (await callRaw(harness.standIn, "POST", "/crm/v3/objects/contacts/batch/upsert", { body: upsertOne })).status,
    ).toBeGreaterThanOrEqual(500);
  });

  it("authenticates before faulting: a bad token still gets 401", async () => {
    harness.standIn.setFaults({ error5xxRate: 1 });
    expect((await sdkFailure(sdkClient(harness.standIn, "wrong").crm.properties.coreApi.getAll("contacts"))).code).toBe(
      401,
    );
  });

  it("refuses a fault config whose rates add up to more than 1", async () => {
    const answer = await callRaw(harness.standIn, "POST", "/__control/faults", {
      token: null,
      body: { error5xxRate: 0.6, rate429Rate: 0.6 },
    });
    expect(answer.status).toBe(400);
    expect(() => harness.standIn.setFaults({ timeoutRate: 2 })).toThrow();
  });
});

describe("determinism", () => {
  async function statusPattern(seed: number, requests = 40): Promise<number[]> {
    const standIn = await startHubSpotStandIn({
      port: 0,
      seed,
      rateLimitPer10s: 10_000,
      faults: { error5xxRate: 0.3, rate429Rate: 0.2 },
    });
    try {
      const statuses: number[] = [];
      for (let index = 0; index < requests; index += 1)
        statuses.push((await callRaw(standIn, "GET", "/crm/v3/properties/contacts/email")).status);
      return statuses;
    } finally {
      await standIn.stop();
    }
  }

  it("faults the same requests for the same seed, different ones for another seed, at about the configured rates", async () => {
    const first = await statusPattern(7);
    expect(await statusPattern(7)).toEqual(first);
    expect(await statusPattern(8)).not.toEqual(first);
    const long = await statusPattern(7, 400);
    const serverErrors = long.filter((status) => status >= 500).length;
    const limited = long.filter((status) => status === 429).length;
    expect(serverErrors).toBeGreaterThan(80);
    expect(serverErrors).toBeLessThan(160);
    expect(limited).toBeGreaterThan(40);
    expect(limited).toBeLessThan(120);
  });

  it("replays the same sequence after reset()", async () => {
    harness.standIn.setFaults({ error5xxRate: 0.5 });
    const run = async () => {
      const statuses: number[] = [];
      for (let index = 0; index < 12; index += 1)
        statuses.push((await callRaw(harness.standIn, "GET", "/crm/v3/properties/contacts/email")).status);
      return statuses;
    };
    const first = await run();
    harness.standIn.reset();
    harness.standIn.setFaults({ error5xxRate: 0.5 });
    expect(await run()).toEqual(first);
    expect(first.some((status) => status >= 500) && first.some((status) => status === 200)).toBe(true);
  });
});
