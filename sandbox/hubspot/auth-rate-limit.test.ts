import { describe, expect, it } from "vitest";
import { callRaw, sdkClient, sdkFailure, TOKEN, setUpStandIn } from "@/test/support/hubspot/stand-in-test-support";

const harness = setUpStandIn();

const upsertOne = { inputs: [{ idProperty: "email", id: "ann@example.com", properties: {} }] };

describe("authentication", () => {
  it("answers 401 INVALID_AUTHENTICATION without a bearer token", async () => {
    const answer = await callRaw(harness.standIn, "GET", "/crm/v3/properties/contacts", { token: null });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({
      status: "error",
      message: expect.stringMatching(/^Authentication credentials not found\. /),
      category: "INVALID_AUTHENTICATION",
      correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it("answers 401 for an unknown token, on every API family", async () => {
    const stranger = sdkClient(harness.standIn, "pat-na1-unknown");
    expect((await sdkFailure(stranger.crm.properties.coreApi.getAll("contacts"))).code).toBe(401);
    expect((await sdkFailure(stranger.crm.contacts.batchApi.upsert(upsertOne))).code).toBe(401);
    expect((await stranger.apiRequest({ method: "GET", path: "/account-info/v3/details" })).status).toBe(401);
    expect(harness.standIn.state.contactCount()).toBe(0);
  });

  it("answers 401 from the moment a token is revoked, and accepts a token added at runtime", async () => {
    expect((await harness.client.crm.properties.coreApi.getByName("contacts", "email")).name).toBe("email");
    const revoked = await callRaw(harness.standIn, "POST", "/__control/tokens", {
      token: null,
      body: { revoke: [TOKEN], add: ["rotated-token"] },
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toEqual({ tokens: ["rotated-token"] });
    const failure = await sdkFailure(harness.client.crm.properties.coreApi.getByName("contacts", "email"));
    expect(failure.code).toBe(401);
    expect(failure.body.category).toBe("INVALID_AUTHENTICATION");
    expect(
      (await sdkClient(harness.standIn, "rotated-token").crm.properties.coreApi.getByName("contacts", "email")).name,
    ).toBe("email");
  });

  it("serves account details to a valid token", async () => {
    const answer = await harness.client.apiRequest({ method: "GET", path: "/account-info/v3/details" });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({
      portalId: 12345678,
      accountType: "STANDARD",
      timeZone: "UTC",
      companyCurrency: "USD",
      uiDomain: "app.hubspot.com",
      dataHostingLocation: "na1",
    });
  });
});

describe("rate limit", () => {
  it("sends the rate-limit headers on every authenticated answer, counting down", async () => {
    harness.standIn.configure({ rateLimitPer10s: 5 });
    const ok = await callRaw(harness.standIn, "GET", "/crm/v3/properties/contacts/email");
    const notFound = await callRaw(harness.standIn, "GET", "/crm/v3/properties/contacts/missing");
    const invalid = await callRaw(harness.standIn, "POST", "/crm/v3/objects/contacts/batch/upsert", {
      body: { inputs: "nope" },
    });
    expect([ok.status, notFound.status, invalid.status]).toEqual([200, 404, 400]);
    expect([ok, notFound, invalid].map((answer) => answer.headers.get("x-hubspot-ratelimit-remaining"))).toEqual([
      "4",
      "3",
      "2",
    ]);
    for (const answer of [ok, notFound, invalid]) {
      expect(answer.headers.get("x-hubspot-ratelimit-max")).toBe("5");
      expect(answer.headers.get("x-hubspot-ratelimit-interval-milliseconds")).toBe("10000");
      expect(answer.headers.get("x-hubspot-ratelimit-daily")).toBe("1000000");
      expect(Number(answer.headers.get("x-hubspot-ratelimit-daily-remaining"))).toBeGreaterThan(0);
      expect(answer.headers.get("retry-after")).toBeNull();
    }
  });

  it("answers 429 with HubSpot's body over the 10-second budget, without Retry-After by default, and writes nothing", async () => {
    harness.standIn.configure({ rateLimitPer10s: 2 });
    await harness.client.crm.properties.coreApi.getByName("contacts", "email");
    await harness.client.crm.properties.coreApi.getByName("contacts", "email");
    const failure = await sdkFailure(harness.client.crm.contacts.batchApi.upsert(upsertOne));
    expect(failure.code).toBe(429);
    const raw = await callRaw(harness.standIn, "POST", "/crm/v3/objects/contacts/batch/upsert", { body: upsertOne });
    expect(raw.status).toBe(429);
    expect(raw.body).toEqual({
      status: "error",
      message: "You have reached your ten_secondly_rolling limit.",
      errorType: "RATE_LIMIT",
      correlationId: expect.any(String),
      policyName: "TEN_SECONDLY_ROLLING",
      groupName: expect.any(String),
    });
    expect(raw.headers.get("x-hubspot-ratelimit-max")).toBe("2");
    expect(raw.headers.get("x-hubspot-ratelimit-remaining")).toBe("0");
    expect(raw.headers.get("x-hubspot-ratelimit-interval-milliseconds")).toBe("10000");
    expect(raw.headers.get("retry-after")).toBeNull();
    expect(harness.standIn.state.contactCount()).toBe(0);
  });

  it("adds Retry-After (whole seconds until a slot frees) when enabled", async () => {
    harness.standIn.configure({ rateLimitPer10s: 1, retryAfterHeader: true });
    await callRaw(harness.standIn, "GET", "/crm/v3/properties/contacts/email");
    const ok = await callRaw(harness.standIn, "GET", "/account-info/v3/details");
    expect(ok.status).toBe(429);
    const retryAfter = Number(ok.headers.get("retry-after"));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(9);
    expect(retryAfter).toBeLessThanOrEqual(10);
  });

  it("keeps a separate window per token", async () => {
    harness.standIn.configure({ rateLimitPer10s: 1 });
    harness.standIn.addTokens(["second-token"]);
    expect((await callRaw(harness.standIn, "GET", "/crm/v3/properties/contacts/email")).status).toBe(200);
    expect((await callRaw(harness.standIn, "GET", "/crm/v3/properties/contacts/email")).status).toBe(429);
    expect(
      (await callRaw(harness.standIn, "GET", "/crm/v3/properties/contacts/email", { token: "second-token" })).status,
    ).toBe(200);
  });

  it("refuses with the DAILY policy once the daily budget is spent", async () => {
    harness.standIn.configure({ dailyLimit: 1 });
    expect(
      (await callRaw(harness.standIn, "GET", "/crm/v3/properties/contacts/email")).headers.get(
        "x-hubspot-ratelimit-daily-remaining",
      ),
    ).toBe("0");
    const refused = await callRaw(harness.standIn, "GET", "/crm/v3/properties/contacts/email");
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({
      policyName: "DAILY",
      errorType: "RATE_LIMIT",
      message: "You have reached your daily limit.",
    });
  });

  it("spends one daily budget per account across tokens, refuses with DAILY until midnight in the account's zone, then admits again", async () => {
    harness.standIn.configure({ dailyLimit: 2, timeZone: "America/New_York", retryAfterHeader: true });
    harness.standIn.addTokens(["second-app"]);
    const control = (body: unknown) => callRaw(harness.standIn, "POST", "/__control/clock", { token: null, body });
    // 22:30 on 10 Mar 2026 in New York (UTC−4 since 8 Mar) = 02:30 UTC on the 11th.
    expect((await control({ now: "2026-03-11T02:30:00.000Z" })).status).toBe(200);
    const account = await callRaw(harness.standIn, "GET", "/account-info/v3/details");
    expect(account.body).toMatchObject({
      timeZone: "America/New_York",
      utcOffset: "-04:00",
      utcOffsetMilliseconds: -14_400_000,
    });
    const other = await callRaw(harness.standIn, "GET", "/crm/v3/properties/contacts/email", { token: "second-app" });
    expect(other.headers.get("x-hubspot-ratelimit-daily-remaining")).toBe("0");
    const refused = await callRaw(harness.standIn, "POST", "/crm/v3/objects/contacts/batch/upsert", {
      body: upsertOne,
    });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ policyName: "DAILY", errorType: "RATE_LIMIT" });
    expect(refused.headers.get("x-hubspot-ratelimit-daily")).toBe("2");
    expect(refused.headers.get("x-hubspot-ratelimit-daily-remaining")).toBe("0");
    // Until 00:00 New York = 04:00 UTC: an hour and a half.
    expect(Number(refused.headers.get("retry-after"))).toBeCloseTo(5_400, -1);
    expect(harness.standIn.state.contactCount()).toBe(0);
    // UTC's midnight has passed, the account's has not.
    await control({ now: "2026-03-11T03:59:00.000Z" });
    expect((await callRaw(harness.standIn, "GET", "/crm/v3/properties/contacts/email")).status).toBe(429);
    await control({ now: "2026-03-11T04:00:01.000Z" });
    const renewed = await callRaw(harness.standIn, "POST", "/crm/v3/objects/contacts/batch/upsert", {
      body: upsertOne,
    });
    expect(renewed.status).toBe(200);
    expect(renewed.headers.get("x-hubspot-ratelimit-daily-remaining")).toBe("1");
    expect(harness.standIn.clock().now.slice(0, 16)).toBe("2026-03-11T04:00");
    // reset() brings the real clock back.
    harness.standIn.reset();
    expect(Math.abs(Date.parse(harness.standIn.clock().now) - Date.now())).toBeLessThan(5_000);
  });

  it("resets the windows on reset()", async () => {
    harness.standIn.configure({ rateLimitPer10s: 1 });
    await callRaw(harness.standIn, "GET", "/crm/v3/properties/contacts/email");
    harness.standIn.reset();
    harness.standIn.configure({ rateLimitPer10s: 1 });
    expect((await callRaw(harness.standIn, "GET", "/crm/v3/properties/contacts/email")).status).toBe(200);
  });
});

describe("latency", () => {
  it("delays every API answer by latencyMs", async () => {
    harness.standIn.configure({ latencyMs: 150 });
    const started = performance.now();
    await harness.client.crm.properties.coreApi.getByName("contacts", "email");
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    const entry = harness.standIn.requests().at(-1);
    expect(entry?.durationMs).toBeGreaterThanOrEqual(145);
  });

  it("does not delay control requests", async () => {
    harness.standIn.configure({ latencyMs: 2_000 });
    const started = performance.now();
    expect((await callRaw(harness.standIn, "GET", "/__control/config", { token: null })).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
