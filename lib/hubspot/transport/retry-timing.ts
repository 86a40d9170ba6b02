/**
 * How long to wait before sending again: HubSpot's own word for 429s, exponential backoff with
 * full jitter for everything else that is transient.
 */

export interface HeaderReader {
  get(name: string): string | null;
}

/** HubSpot's rate-limit window (the `TEN_SECONDLY_ROLLING` policy). */
export const RATE_WINDOW_MS = 10_000;
/** Floor for derived 429 waits, so a window edge a few ms away does not cause a resend storm. */
const MIN_RATE_LIMIT_WAIT_MS = 100;

/** `Retry-After` in seconds (possibly fractional) or as an HTTP date; null when absent or unreadable. */
export function retryAfterMs(headers: HeaderReader, now: number): number | null {
  const raw = headers.get("retry-after")?.trim();
  if (!raw) return null;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function positiveInteger(raw: string | null): number | null {
  if (raw === null || !/^\d+$/.test(raw.trim())) return null;
  const value = Number(raw.trim());
  return value > 0 ? value : null;
}

/**
 * The wait after a 429. `Retry-After` wins when present (real HubSpot usually omits it). Else the
 * `X-HubSpot-RateLimit-*` headers: with `Remaining` at 0 (or absent) the rolling window is full,
 * and a slot frees when our oldest request in it rolls out — the rest of the window; without any
 * request of ours in the window (another app of the portal spent the budget) the whole interval.
 */
export function rateLimitWaitMs(input: {
  headers: HeaderReader;
  now: number;
  msUntilOldestLeaves: (windowMs: number) => number | null;
}): number {
  const explicit = retryAfterMs(input.headers, input.now);
  if (explicit !== null) return explicit;
  const intervalMs = positiveInteger(input.headers.get("x-hubspot-ratelimit-interval-milliseconds")) ?? RATE_WINDOW_MS;
  const remaining = positiveInteger(input.headers.get("x-hubspot-ratelimit-remaining"));
  // A 429 while the window reports room left comes from a different (shorter) policy: wait briefly.
  if (remaining !== null) return Math.max(MIN_RATE_LIMIT_WAIT_MS, Math.min(1_000, intervalMs));
  const restOfWindow = input.msUntilOldestLeaves(intervalMs) ?? intervalMs;
  return Math.min(intervalMs, Math.max(MIN_RATE_LIMIT_WAIT_MS, Math.ceil(restOfWindow)));
}

/** Full jitter (AWS architecture blog): uniform in [0, min(cap, base·2^(n−1))]; spreads retries of many clients. */
export function backoffMs(failureCount: number, random: () => number, baseMs: number, capMs: number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, failureCount - 1));
  return Math.floor(random() * ceiling);
}
