/**
 * GoTrue's rate limit on POST /token (both grants), per client IP: GOTRUE_RATE_LIMIT_TOKEN_REFRESH,
 * 150 requests per 5 minutes by default, answered with 429 `over_request_rate_limit`. GoTrue uses
 * a token bucket; a sliding window with the same average is close enough for what the app must
 * survive (its own refreshes never reaching the limit) and exact to reason about in tests.
 */
import { z } from "zod";

export const tokenRateLimitSchema = z.object({
  requests: z.number().int().min(1),
  windowSeconds: z.number().int().min(1),
});
export type TokenRateLimit = z.infer<typeof tokenRateLimitSchema>;

export const DEFAULT_TOKEN_RATE_LIMIT: TokenRateLimit = { requests: 150, windowSeconds: 300 };

export interface TokenRateLimiter {
  /** Counts a request from `ip`; false when the IP has used up its requests in the window. */
  admit(ip: string): boolean;
  settings(): TokenRateLimit;
  /** New settings; forgets every IP's past requests. */
  configure(limit: TokenRateLimit): void;
}

export function createTokenRateLimiter(
  initial: TokenRateLimit = DEFAULT_TOKEN_RATE_LIMIT,
  now: () => number = Date.now,
): TokenRateLimiter {
  let limit = initial;
  /** Per IP, the times (ms) of admitted requests still inside the window, oldest first. */
  let recent = new Map<string, number[]>();
  return {
    admit(ip) {
      const at = now();
      const windowStart = at - limit.windowSeconds * 1000;
      const times = (recent.get(ip) ?? []).filter((time) => time > windowStart);
      // Refused requests are not counted: a client that waits gets in again (as with GoTrue).
      const isAdmitted = times.length < limit.requests;
      if (isAdmitted) times.push(at);
      recent.set(ip, times);
      return isAdmitted;
    },
    settings: () => limit,
    configure(next) {
      limit = next;
      recent = new Map();
    },
  };
}
