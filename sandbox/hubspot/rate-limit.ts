/**
 * HubSpot's private-app limits: a rolling 10-second window per app (token; the
 * "TEN_SECONDLY_ROLLING" policy) and a daily budget per account, shared by every app of the
 * portal, that resets at midnight in the account's time zone (the "DAILY" policy). Only admitted
 * requests take a slot or count against the day, so a client that backs off recovers once the
 * window rolls; once the day is spent every request is refused until the account's midnight.
 */
import { accountDay, nextAccountMidnight } from "@/lib/contracts/account-day";

export const WINDOW_MS = 10_000;

export type RateLimitPolicy = "TEN_SECONDLY_ROLLING" | "DAILY";

export interface RateLimitDecision {
  isAllowed: boolean;
  /** The policy that refused the request, when it was refused. */
  policy: RateLimitPolicy | null;
  max: number;
  remaining: number;
  dailyMax: number;
  dailyRemaining: number;
  /** Whole seconds until a slot frees up (0 when allowed). */
  retryAfterSeconds: number;
}

export interface RateLimits {
  per10s: number;
  /** Requests per account day (all tokens together). */
  daily: number;
  /** The account's IANA time zone: its day, and so the daily budget, turns at midnight there. */
  timeZone: string;
}

function secondsUntilNextDay(nowMs: number, timeZone: string): number {
  return Math.max(1, Math.ceil((nextAccountMidnight(nowMs, timeZone).getTime() - nowMs) / 1000));
}

export class RateLimiter {
  private windows = new Map<string, number[]>();
  /** The account's day and the requests admitted in it. */
  private today: { day: string; count: number } | null = null;

  constructor(private limits: RateLimits) {}

  setLimits(limits: Partial<RateLimits>): void {
    this.limits = { ...this.limits, ...limits };
  }

  reset(): void {
    this.windows.clear();
    this.today = null;
  }

  take(token: string, nowMs: number): RateLimitDecision {
    const window = this.prunedWindow(token, nowMs);
    const dailyCount = this.dailyCount(nowMs);
    const base = { max: this.limits.per10s, dailyMax: this.limits.daily };
    if (dailyCount.count >= this.limits.daily) {
      return {
        ...base,
        isAllowed: false,
        policy: "DAILY",
        remaining: Math.max(0, this.limits.per10s - window.length),
        dailyRemaining: 0,
        retryAfterSeconds: secondsUntilNextDay(nowMs, this.limits.timeZone),
      };
    }
    if (window.length >= this.limits.per10s) {
      const oldest = window[window.length - this.limits.per10s] ?? nowMs;
      const retryAfterSeconds = Math.max(1, Math.ceil((oldest + WINDOW_MS - nowMs) / 1000));
      return {
        ...base,
        isAllowed: false,
        policy: "TEN_SECONDLY_ROLLING",
        remaining: 0,
        dailyRemaining: this.limits.daily - dailyCount.count,
        retryAfterSeconds,
      };
    }
    window.push(nowMs);
    dailyCount.count += 1;
    return {
      ...base,
      isAllowed: true,
      policy: null,
      remaining: this.limits.per10s - window.length,
      dailyRemaining: this.limits.daily - dailyCount.count,
      retryAfterSeconds: 0,
    };
  }

  private prunedWindow(token: string, nowMs: number): number[] {
    let window = this.windows.get(token);
    if (!window) {
      window = [];
      this.windows.set(token, window);
    }
    while (window.length > 0 && (window[0] ?? nowMs) <= nowMs - WINDOW_MS) window.shift();
    return window;
  }

  private dailyCount(nowMs: number): { day: string; count: number } {
    const day = accountDay(nowMs, this.limits.timeZone);
    if (this.today?.day !== day) this.today = { day, count: 0 };
    return this.today;
  }
}

/** Sent on every authenticated answer, as HubSpot does; Retry-After only on 429s and only when enabled. */
export function rateLimitHeaders(decision: RateLimitDecision, isRetryAfterShown: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    "X-HubSpot-RateLimit-Max": String(decision.max),
    "X-HubSpot-RateLimit-Remaining": String(decision.remaining),
    "X-HubSpot-RateLimit-Interval-Milliseconds": String(WINDOW_MS),
    "X-HubSpot-RateLimit-Daily": String(decision.dailyMax),
    "X-HubSpot-RateLimit-Daily-Remaining": String(decision.dailyRemaining),
  };
  if (!decision.isAllowed && isRetryAfterShown) headers["Retry-After"] = String(decision.retryAfterSeconds);
  return headers;
}

export function rateLimitBody(policy: RateLimitPolicy, correlationId: string, groupName: string) {
  const message =
    policy === "DAILY" ? "You have reached your daily limit." : "You have reached your ten_secondly_rolling limit.";
  return { status: "error", message, errorType: "RATE_LIMIT", correlationId, policyName: policy, groupName };
}
