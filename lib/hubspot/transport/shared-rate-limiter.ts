/**
 * One rate limiter per portal (token + base URL) per process. HubSpot counts every request of a
 * private app against one budget, so the settings page's reads, the health probe, "Create missing
 * properties" and the sync must queue in the same window; a limiter per client would let a burst
 * of page views spend the budget the running sync counts on.
 */
import { createHash } from "node:crypto";
import { SlidingWindowLimiter } from "./rate-limiter";
import { RATE_WINDOW_MS } from "./retry-timing";

const holder = globalThis as typeof globalThis & { __crmSyncRateLimiters?: Map<string, SlidingWindowLimiter> };

export function getSharedRateLimiter(portal: {
  accessToken: string;
  baseUrl: string;
  ratePer10s: number;
}): SlidingWindowLimiter {
  holder.__crmSyncRateLimiters ??= new Map();
  // Keyed by a hash: the token itself never sits in a long-lived map key.
  const key = `${createHash("sha256").update(portal.accessToken).digest("hex")}|${portal.baseUrl}|${portal.ratePer10s}`;
  let limiter = holder.__crmSyncRateLimiters.get(key);
  if (!limiter) {
    limiter = new SlidingWindowLimiter({
      limit: portal.ratePer10s,
      windowMs: RATE_WINDOW_MS,
      now: Date.now,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    });
    holder.__crmSyncRateLimiters.set(key, limiter);
  }
  return limiter;
}
