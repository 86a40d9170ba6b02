import { describe, expect, it } from "vitest";
import { categoryForStatus, errorFromResponse } from "../errors";
import { backoffMs, rateLimitWaitMs, retryAfterMs } from "./retry-timing";

function headers(values: Record<string, string>) {
  const lower = new Map(Object.entries(values).map(([name, value]) => [name.toLowerCase(), value]));
  return { get: (name: string) => lower.get(name.toLowerCase()) ?? null };
}

const NOW = Date.UTC(2026, 0, 5, 12);

describe("retryAfterMs", () => {
  it("reads seconds, fractional seconds and HTTP dates", () => {
    expect(retryAfterMs(headers({ "Retry-After": "3" }), NOW)).toBe(3_000);
    expect(retryAfterMs(headers({ "Retry-After": "0.25" }), NOW)).toBe(250);
    expect(retryAfterMs(headers({ "Retry-After": new Date(NOW + 5_000).toUTCString() }), NOW)).toBe(5_000);
    expect(retryAfterMs(headers({ "Retry-After": "soon" }), NOW)).toBeNull();
    expect(retryAfterMs(headers({}), NOW)).toBeNull();
  });
});

describe("rateLimitWaitMs", () => {
  const none = () => null;

  it("prefers Retry-After over the rate-limit headers", () => {
    const wait = rateLimitWaitMs({
      headers: headers({
        "Retry-After": "2",
        "X-HubSpot-RateLimit-Interval-Milliseconds": "10000",
        "X-HubSpot-RateLimit-Remaining": "0",
      }),
      now: NOW,
      msUntilOldestLeaves: () => 4_000,
    });
    expect(wait).toBe(2_000);
  });

  it("waits for the rest of the window when Remaining is 0", () => {
    const interval = headers({
      "X-HubSpot-RateLimit-Interval-Milliseconds": "10000",
      "X-HubSpot-RateLimit-Remaining": "0",
    });
    expect(rateLimitWaitMs({ headers: interval, now: NOW, msUntilOldestLeaves: () => 4_321 })).toBe(4_321);
    // Nothing of ours in the window (another app spent the budget): the whole interval.
    expect(rateLimitWaitMs({ headers: interval, now: NOW, msUntilOldestLeaves: none })).toBe(10_000);
    expect(rateLimitWaitMs({ headers: interval, now: NOW, msUntilOldestLeaves: () => 3 })).toBe(100);
  });

  it("uses the interval header's length and a 10 s default without headers", () => {
    expect(
      rateLimitWaitMs({
        headers: headers({ "X-HubSpot-RateLimit-Interval-Milliseconds": "1000" }),
        now: NOW,
        msUntilOldestLeaves: none,
      }),
    ).toBe(1_000);
    expect(rateLimitWaitMs({ headers: headers({}), now: NOW, msUntilOldestLeaves: none })).toBe(10_000);
  });

  it("waits briefly when the 10 s window still has room (a shorter policy refused)", () => {
    expect(
      rateLimitWaitMs({
        headers: headers({ "X-HubSpot-RateLimit-Remaining": "40" }),
        now: NOW,
        msUntilOldestLeaves: () => 9_000,
      }),
    ).toBe(1_000);
  });
});

describe("backoffMs (full jitter)", () => {
  it("draws uniformly below an exponentially growing, capped ceiling", () => {
    expect(backoffMs(1, () => 0, 500, 30_000)).toBe(0);
    expect(backoffMs(1, () => 0.999, 500, 30_000)).toBe(499);
    expect(backoffMs(3, () => 0.5, 500, 30_000)).toBe(1_000);
    expect(backoffMs(12, () => 0.5, 500, 30_000)).toBe(15_000);
  });
});

describe("errors", () => {
  it("maps statuses to categories", () => {
    expect([400, 401, 403, 404, 408, 409, 422, 429, 500, 503].map(categoryForStatus)).toEqual([
      "validation",
      "unauthorized",
      "forbidden",
      "not_found",
      "timeout",
      "conflict",
      "validation",
      "rate_limited",
      "server",
      "server",
    ]);
  });

  it("keeps a gateway's HTML body as text and HubSpot's JSON body parsed", () => {
    const gateway = errorFromResponse({
      status: 502,
      text: "<html>Bad gateway</html>",
      method: "GET",
      path: "/x",
      correlationIdHeader: "abc",
    });
    expect(gateway).toMatchObject({
      category: "server",
      isRetryable: true,
      body: "<html>Bad gateway</html>",
      correlationId: "abc",
    });
    const validation = errorFromResponse({
      status: 400,
      text: JSON.stringify({ status: "error", message: "bad", correlationId: "c-1", category: "VALIDATION_ERROR" }),
      method: "POST",
      path: "/y",
      correlationIdHeader: null,
    });
    expect(validation).toMatchObject({
      category: "validation",
      isRetryable: false,
      correlationId: "c-1",
      body: { category: "VALIDATION_ERROR" },
    });
    expect(validation.message).toBe("HubSpot POST /y failed with 400: bad");
  });
});
