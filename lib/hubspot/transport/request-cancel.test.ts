/**
 * Issue #10, item 2, the HubSpot side of the run lease: a caller's signal cancels a write in
 * flight (its socket is closed) and every resend after it, and the call rejects with the
 * signal's reason instead of being retried. Without a signal nothing changes.
 */
import { describe, expect, it } from "vitest";
import { createHubSpotClient } from "../client";
import type { RawRequest, RawResponse, Transport } from "./sdk-transport";

const BODY = {
  inputs: [{ idProperty: "email" as const, id: "a@example.com", properties: { level_a1_status: "in_progress" } }],
};
const OK: RawResponse = {
  status: 200,
  headers: { get: () => null },
  text: JSON.stringify({
    status: "COMPLETE",
    results: [
      {
        id: "1",
        properties: { email: "a@example.com" },
        createdAt: "2026-01-01T00:00:00Z",
        updatedAt: "2026-01-01T00:00:00Z",
        archived: false,
        new: true,
      },
    ],
  }),
};

function client(transport: Transport, sleep: (ms: number) => Promise<void> = () => Promise.resolve()) {
  return createHubSpotClient({
    accessToken: "token",
    baseUrl: "http://127.0.0.1:1",
    ratePer10s: 100,
    maxAttempts: 6,
    baseDelayMs: 10,
    random: () => 0.5,
    sleep,
    transport,
  });
}

class LeaseLost extends Error {}

describe("cancelling a HubSpot write", () => {
  it("closes the request in flight and does not resend it", async () => {
    const seen: { request: RawRequest; signal: AbortSignal }[] = [];
    // Hangs until its own signal aborts, like a stalled connection.
    const hanging: Transport = (request, signal) =>
      new Promise((_, reject) => {
        seen.push({ request, signal });
        signal.addEventListener("abort", () => reject(new Error("socket closed")));
      });
    const lease = new AbortController();
    const call = client(hanging).upsertContacts(BODY, { signal: lease.signal });
    await new Promise((resolve) => setTimeout(resolve, 20));
    lease.abort(new LeaseLost("lease lost"));
    await expect(call).rejects.toBeInstanceOf(LeaseLost);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.signal.aborted).toBe(true);
  });

  it("stops during a backoff wait: the resend is never sent", async () => {
    let requests = 0;
    const failing: Transport = async () => {
      requests += 1;
      return {
        status: 503,
        headers: { get: () => null },
        text: JSON.stringify({ status: "error", message: "unavailable", category: "INTERNAL_ERROR" }),
      };
    };
    const lease = new AbortController();
    // The first backoff wait is where the lease is lost.
    const sleep = () => {
      lease.abort(new LeaseLost("lease lost"));
      return new Promise<void>((resolve) => setTimeout(resolve, 50));
    };
    await expect(client(failing, sleep).upsertContacts(BODY, { signal: lease.signal })).rejects.toBeInstanceOf(
      LeaseLost,
    );
    expect(requests).toBe(1);
  });

  it("an answer that arrives after the cancellation is not used", async () => {
    const lease = new AbortController();
    const late: Transport = async () => {
      lease.abort(new LeaseLost("lease lost"));
      return OK;
    };
    await expect(client(late).upsertContacts(BODY, { signal: lease.signal })).rejects.toBeInstanceOf(LeaseLost);
  });

  it("without a signal the same call is retried and succeeds", async () => {
    let requests = 0;
    const flaky: Transport = async () =>
      ++requests === 1 ? { status: 503, headers: { get: () => null }, text: "{}" } : OK;
    const result = await client(flaky).upsertContacts(BODY);
    expect(result.succeeded.map((row) => row.id)).toEqual(["a@example.com"]);
    expect(requests).toBe(2);
  });
});
