import { describe, expect, it } from "vitest";
import { RateLimiter, rateLimitHeaders } from "./rate-limit";

const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);

describe("RateLimiter", () => {
  it("admits per10s requests in a rolling 10-second window and counts remaining slots", () => {
    const limiter = new RateLimiter({ per10s: 3, daily: 100, timeZone: "UTC" });
    expect([0, 1_000, 2_000].map((offset) => limiter.take("t", T0 + offset).remaining)).toEqual([2, 1, 0]);
    const refused = limiter.take("t", T0 + 2_500);
    expect(refused).toMatchObject({
      isAllowed: false,
      policy: "TEN_SECONDLY_ROLLING",
      remaining: 0,
      retryAfterSeconds: 8,
    });
  });

  it("frees a slot exactly when the oldest admitted request is 10 s old (rolling, not fixed buckets)", () => {
    const limiter = new RateLimiter({ per10s: 2, daily: 100, timeZone: "UTC" });
    limiter.take("t", T0);
    limiter.take("t", T0 + 5_000);
    expect(limiter.take("t", T0 + 9_999).isAllowed).toBe(false);
    expect(limiter.take("t", T0 + 10_000).isAllowed).toBe(true);
    // The request at +5s still occupies the window until +15s.
    expect(limiter.take("t", T0 + 10_001)).toMatchObject({ isAllowed: false, retryAfterSeconds: 5 });
  });

  it("does not let refused requests take slots", () => {
    const limiter = new RateLimiter({ per10s: 1, daily: 100, timeZone: "UTC" });
    limiter.take("t", T0);
    for (let offset = 1; offset < 10; offset += 1) limiter.take("t", T0 + offset * 1_000);
    expect(limiter.take("t", T0 + 10_000).isAllowed).toBe(true);
  });

  it("applies a lowered limit to the requests already in the window", () => {
    const limiter = new RateLimiter({ per10s: 5, daily: 100, timeZone: "UTC" });
    for (let index = 0; index < 4; index += 1) limiter.take("t", T0 + index);
    limiter.setLimits({ per10s: 2 });
    const refused = limiter.take("t", T0 + 10);
    expect(refused.isAllowed).toBe(false);
    // Two of the four must age out; the second-oldest (at T0+2) leaves at T0+10_002.
    expect(refused.retryAfterSeconds).toBe(10);
  });

  it("spends the daily budget per account (every token together) and renews it at the account's midnight", () => {
    const limiter = new RateLimiter({ per10s: 100, daily: 2, timeZone: "UTC" });
    expect(limiter.take("t", T0).dailyRemaining).toBe(1);
    expect(limiter.take("other-app", T0 + 1).dailyRemaining).toBe(0);
    const refused = limiter.take("t", T0 + 2);
    expect(refused).toMatchObject({
      isAllowed: false,
      policy: "DAILY",
      dailyRemaining: 0,
      retryAfterSeconds: 12 * 3600,
    });
    expect(limiter.take("a-third-app", T0 + 3)).toMatchObject({ isAllowed: false, policy: "DAILY" });
    expect(limiter.take("t", Date.UTC(2026, 0, 15, 23, 59, 59, 999)).isAllowed).toBe(false);
    expect(limiter.take("t", Date.UTC(2026, 0, 16, 0, 0, 0))).toMatchObject({ isAllowed: true, dailyRemaining: 1 });
  });

  it("counts the day in the account's time zone: New York's day turns at 05:00 UTC in January", () => {
    const limiter = new RateLimiter({ per10s: 100, daily: 1, timeZone: "America/New_York" });
    // 23:00 on 15 Jan in New York = 04:00 UTC on the 16th: still the 15th for the account.
    const lateEvening = Date.UTC(2026, 0, 16, 4, 0, 0);
    expect(limiter.take("t", Date.UTC(2026, 0, 15, 20, 0, 0)).isAllowed).toBe(true);
    expect(limiter.take("t", lateEvening)).toMatchObject({
      isAllowed: false,
      policy: "DAILY",
      retryAfterSeconds: 3600,
    });
    // UTC midnight is no reset for this account.
    expect(limiter.take("t", Date.UTC(2026, 0, 16, 4, 59, 59)).isAllowed).toBe(false);
    expect(limiter.take("t", Date.UTC(2026, 0, 16, 5, 0, 0)).isAllowed).toBe(true);
  });

  it("does not count requests refused by the 10-second window against the day", () => {
    const limiter = new RateLimiter({ per10s: 1, daily: 2, timeZone: "UTC" });
    limiter.take("t", T0);
    for (let index = 1; index < 5; index += 1)
      expect(limiter.take("t", T0 + index).policy).toBe("TEN_SECONDLY_ROLLING");
    expect(limiter.take("t", T0 + 10_000)).toMatchObject({ isAllowed: true, dailyRemaining: 0 });
  });
});

describe("rateLimitHeaders", () => {
  const refused = {
    isAllowed: false,
    policy: "TEN_SECONDLY_ROLLING" as const,
    max: 190,
    remaining: 0,
    dailyMax: 1000,
    dailyRemaining: 10,
    retryAfterSeconds: 3,
  };

  it("adds Retry-After to refusals only when asked to", () => {
    expect(rateLimitHeaders(refused, true)["Retry-After"]).toBe("3");
    expect(rateLimitHeaders(refused, false)).not.toHaveProperty("Retry-After");
    expect(rateLimitHeaders({ ...refused, isAllowed: true, policy: null }, true)).not.toHaveProperty("Retry-After");
  });
});
