/**
 * The one place for rate limiting, timeouts and retries. Every HubSpot call of a client goes
 * through `sendWithPolicy`: take a slot of the shared budget, send with a per-attempt
 * AbortController, then
 * - 2xx: parse the JSON (unparseable → retried as `malformed_response`; wrong shape → not retried);
 * - 429: pause the whole client as HubSpot asks (Retry-After, else the rate-limit headers), resend;
 *   except a 429 whose policyName is DAILY: the account's daily limit is spent until midnight in its
 *   time zone, so it is thrown at once as a `daily_limit` error (not retryable, no backoff loop);
 *   the sync pauses on it (docs/ARCHITECTURE.md, "Daily quota");
 * - 5xx, 408, network errors, timeouts: exponential backoff with full jitter, at most `maxAttempts`;
 * - anything else (400, 401, 403, 404, 409…): thrown at once — a revoked token must stop the run
 *   after one request, not after a retry storm.
 * The caller's optional `signal` (the sync's run lease) cancels the whole call: the request in
 * flight (its socket is closed), a backoff wait, and every resend. The call then rejects with the
 * signal's reason; nothing is retried after it.
 */
import { ZodError } from "zod";
import { HubSpotError, errorFromResponse } from "../errors";
import type { SlidingWindowLimiter } from "./rate-limiter";
import { backoffMs, rateLimitWaitMs, retryAfterMs } from "./retry-timing";
import type { RawRequest, RawResponse, Transport } from "./sdk-transport";

export type HubSpotEvent =
  | { type: "request"; method: string; path: string; status: number | null; attempt: number; durationMs: number }
  | { type: "retry"; reason: HubSpotError["category"]; waitMs: number; attempt: number }
  | { type: "rate_limited"; waitMs: number };

export interface HubSpotStats {
  /** HTTP attempts sent, retries included. */
  requests: number;
  /** Of those, POST/PATCH. */
  writeRequests: number;
  /** 429 answers received. */
  rateLimited: number;
  /** Resends after 5xx, network errors, timeouts and malformed answers (not after 429s). */
  retries: number;
}

export interface RequestPolicy {
  limiter: SlidingWindowLimiter;
  transport: Transport;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  now: () => number;
  maxAttempts: number;
  maxRateLimitWaits: number;
  /** A 429 asking for longer than this (a daily limit) is thrown with its retryAfterMs instead of waited out. */
  maxRateLimitWaitMs: number;
  requestTimeoutMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  stats: HubSpotStats;
  onEvent?: (event: HubSpotEvent) => void;
}

type Outcome<T> =
  | { kind: "done"; value: T }
  | { kind: "retry"; error: HubSpotError }
  | { kind: "rate_limited"; error: HubSpotError; waitMs: number };

export async function sendWithPolicy<T>(
  policy: RequestPolicy,
  request: RawRequest,
  parse: (json: unknown, status: number) => T,
  signal?: AbortSignal,
): Promise<T> {
  let failures = 0;
  let rateLimitWaits = 0;
  for (let attempt = 1; ; attempt += 1) {
    throwIfCancelled(signal);
    const outcome = await attemptOnce(policy, request, parse, attempt, signal);
    if (outcome.kind === "done") return outcome.value;
    if (outcome.kind === "rate_limited") {
      rateLimitWaits += 1;
      if (rateLimitWaits > policy.maxRateLimitWaits || outcome.waitMs > policy.maxRateLimitWaitMs) throw outcome.error;
      policy.limiter.pauseFor(outcome.waitMs);
      policy.onEvent?.({ type: "rate_limited", waitMs: outcome.waitMs });
      continue;
    }
    failures += 1;
    if (failures >= policy.maxAttempts) throw outcome.error;
    const waitMs = backoffMs(failures, policy.random, policy.baseDelayMs, policy.maxDelayMs);
    policy.stats.retries += 1;
    policy.onEvent?.({ type: "retry", reason: outcome.error.category, waitMs, attempt });
    await untilCancelled(policy.sleep(waitMs), signal);
  }
}

function cancelReason(signal: AbortSignal): unknown {
  return signal.reason ?? new Error("the HubSpot call was cancelled");
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelReason(signal);
}

/** Settles with the caller's cancellation as soon as it comes (a wait is not worth finishing). */
function untilCancelled<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelReason(signal));
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

async function attemptOnce<T>(
  policy: RequestPolicy,
  request: RawRequest,
  parse: (json: unknown, status: number) => T,
  attempt: number,
  signal: AbortSignal | undefined,
): Promise<Outcome<T>> {
  const { method, path } = request;
  const slot = await policy.limiter.acquire();
  if (signal?.aborted) {
    slot.release();
    throw cancelReason(signal);
  }
  const startedAt = policy.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), policy.requestTimeoutMs);
  // The caller's cancellation closes this attempt's socket like a timeout, but is not retried.
  const onCancel = () => controller.abort();
  signal?.addEventListener("abort", onCancel, { once: true });
  policy.stats.requests += 1;
  if (method !== "GET") policy.stats.writeRequests += 1;
  let response: RawResponse;
  try {
    response = await untilAborted(policy.transport(request, controller.signal), controller.signal);
  } catch (cause) {
    policy.onEvent?.({ type: "request", method, path, status: null, attempt, durationMs: policy.now() - startedAt });
    throwIfCancelled(signal);
    const isTimeout = controller.signal.aborted;
    const reason = cause instanceof Error ? cause.message : String(cause);
    const message = isTimeout
      ? `HubSpot ${method} ${path} timed out after ${policy.requestTimeoutMs} ms`
      : `HubSpot ${method} ${path} could not be reached: ${reason}`;
    return {
      kind: "retry",
      error: new HubSpotError({
        message,
        status: null,
        category: isTimeout ? "timeout" : "network",
        method,
        path,
        attempts: attempt,
        cause,
      }),
    };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onCancel);
    slot.release();
  }
  // An answer that arrives after the cancellation is not acted upon.
  throwIfCancelled(signal);
  policy.onEvent?.({
    type: "request",
    method,
    path,
    status: response.status,
    attempt,
    durationMs: policy.now() - startedAt,
  });
  if (response.status >= 200 && response.status < 300) return readSuccess(response, request, parse, attempt);
  const correlationIdHeader = response.headers.get("x-hubspot-correlation-id");
  if (response.status === 429) {
    policy.stats.rateLimited += 1;
    const bare = errorFromResponse({
      status: 429,
      text: response.text,
      method,
      path,
      correlationIdHeader,
      attempts: attempt,
    });
    // The daily budget does not come back within a run: a distinct error the caller stops on, with
    // HubSpot's wait if it gave one. Resending before the account's midnight only spends more 429s.
    if (policyName(bare.body) === "DAILY") {
      throw new HubSpotError({
        message: `HubSpot ${method} ${path} was refused with 429: the account's daily API limit is used up (policy DAILY); it resets at midnight in the account's time zone`,
        status: 429,
        category: "daily_limit",
        retryAfterMs: retryAfterMs(response.headers, policy.now()),
        ...(bare.correlationId !== undefined ? { correlationId: bare.correlationId } : {}),
        body: bare.body,
        method,
        path,
        attempts: attempt,
      });
    }
    const waitMs = rateLimitWaitMs({
      headers: response.headers,
      now: policy.now(),
      msUntilOldestLeaves: (windowMs) => policy.limiter.msUntilOldestLeaves(windowMs),
    });
    const error = errorFromResponse({
      status: 429,
      text: response.text,
      method,
      path,
      correlationIdHeader,
      retryAfterMs: waitMs,
      attempts: attempt,
    });
    return { kind: "rate_limited", error, waitMs };
  }
  const error = errorFromResponse({
    status: response.status,
    text: response.text,
    method,
    path,
    correlationIdHeader,
    attempts: attempt,
  });
  if (error.isRetryable) return { kind: "retry", error };
  throw error;
}

function readSuccess<T>(
  response: RawResponse,
  request: RawRequest,
  parse: (json: unknown, status: number) => T,
  attempt: number,
): Outcome<T> {
  const { method, path } = request;
  const correlationId = response.headers.get("x-hubspot-correlation-id") ?? undefined;
  let json: unknown;
  try {
    json = JSON.parse(response.text);
  } catch (cause) {
    // A body cut mid-stream (proxy, dropped connection): the same request will likely read fine again.
    const message = `HubSpot ${method} ${path} answered ${response.status} with invalid JSON: ${response.text.slice(0, 120)}`;
    return {
      kind: "retry",
      error: new HubSpotError({
        message,
        status: response.status,
        category: "malformed_response",
        correlationId,
        body: response.text.slice(0, 2_000),
        method,
        path,
        attempts: attempt,
        cause,
      }),
    };
  }
  try {
    return { kind: "done", value: parse(json, response.status) };
  } catch (cause) {
    // Valid JSON of the wrong shape is a contract change, not a glitch: resending cannot fix it.
    // One line naming each field and what was expected: a ZodError's own message is a multi-line JSON dump.
    const reason =
      cause instanceof ZodError
        ? cause.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; ")
        : cause instanceof Error
          ? cause.message
          : String(cause);
    const message = `HubSpot ${method} ${path} answered ${response.status} with an unexpected shape: ${reason.slice(0, 500)}`;
    throw new HubSpotError({
      message,
      status: response.status,
      category: "malformed_response",
      isRetryable: false,
      correlationId,
      body: json,
      method,
      path,
      attempts: attempt,
      cause,
    });
  }
}

function policyName(body: unknown): string | undefined {
  return typeof body === "object" && body !== null && "policyName" in body && typeof body.policyName === "string"
    ? body.policyName
    : undefined;
}

/** Settles as soon as the signal aborts, even if the transport ignored the signal. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error("aborted by the request timeout"));
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
