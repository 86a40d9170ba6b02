import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import type { AuthStandIn } from "./server";
import {
  createTestClient,
  createTestUser,
  rawCall,
  startTestAuthStandIn,
  TEST_PASSWORD,
  uniqueEmail,
} from "@/test/support/auth/auth-test-helpers";
import { createTokenRateLimiter } from "./token-rate-limit";

describe("createTokenRateLimiter", () => {
  it("admits `requests` per IP within the window, then refuses until the oldest request leaves it", () => {
    let now = 1_000_000;
    const limiter = createTokenRateLimiter({ requests: 2, windowSeconds: 300 }, () => now);
    expect([limiter.admit("10.0.0.1"), limiter.admit("10.0.0.1"), limiter.admit("10.0.0.1")]).toEqual([
      true,
      true,
      false,
    ]);
    expect(limiter.admit("10.0.0.2")).toBe(true);
    now += 299_999;
    expect(limiter.admit("10.0.0.1")).toBe(false);
    now += 1;
    expect(limiter.admit("10.0.0.1")).toBe(true);
  });

  it("defaults to GoTrue's 150 requests per 5 minutes", () => {
    expect(createTokenRateLimiter().settings()).toEqual({ requests: 150, windowSeconds: 300 });
  });
});

describe("the stand-in's /token rate limit", () => {
  let db: TestDatabase;
  let auth: AuthStandIn;
  let email: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    auth = await startTestAuthStandIn(db, { tokenRateLimit: { requests: 3, windowSeconds: 300 } });
    email = (await createTestUser(db.pool, { email: uniqueEmail("limited") })).email;
  });
  afterAll(async () => {
    await auth?.stop();
    await db?.drop();
  });

  const passwordGrant = (password: string, apiVersion = true) =>
    rawCall(auth.url, "POST", "/auth/v1/token?grant_type=password", { body: { email, password }, apiVersion });

  it("answers 429 over_request_rate_limit with GoTrue's bodies once an IP has used up its requests, sparing other endpoints", async () => {
    expect((await passwordGrant("wrong")).status).toBe(400);
    expect((await passwordGrant(TEST_PASSWORD)).status).toBe(200);
    expect((await passwordGrant("wrong")).status).toBe(400);

    expect(await passwordGrant(TEST_PASSWORD, false)).toMatchObject({
      status: 429,
      body: { code: 429, error_code: "over_request_rate_limit", msg: "Request rate limit reached" },
    });
    expect(await passwordGrant(TEST_PASSWORD)).toMatchObject({
      status: 429,
      body: { code: "over_request_rate_limit", message: "Request rate limit reached" },
    });
    const viaClient = await createTestClient(auth.url).auth.signInWithPassword({ email, password: TEST_PASSWORD });
    expect(viaClient.error).toMatchObject({ name: "AuthApiError", status: 429, code: "over_request_rate_limit" });
    expect((await rawCall(auth.url, "GET", "/auth/v1/settings")).status).toBe(200);

    const stats = await rawCall(auth.url, "GET", "/__control/stats");
    expect(stats.body).toMatchObject({
      tokenRequests: { password: 6, refresh_token: 0 },
      rateLimited: 3,
      tokenRateLimit: { requests: 3, windowSeconds: 300 },
    });
  });

  it("can be re-configured (and its counters reset) through the control endpoint", async () => {
    const changed = await rawCall(auth.url, "PUT", "/__control/token-rate-limit", {
      body: { requests: 150, windowSeconds: 300 },
    });
    expect(changed).toMatchObject({ status: 200, body: { requests: 150, windowSeconds: 300 } });
    expect((await passwordGrant(TEST_PASSWORD)).status).toBe(200);
    expect(await rawCall(auth.url, "PUT", "/__control/token-rate-limit", { body: { requests: 0 } })).toMatchObject({
      status: 400,
    });
  });
});
