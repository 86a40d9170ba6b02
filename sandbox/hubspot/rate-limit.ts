/**
 * HubSpot's private-app limits, per token: a rolling 10-second window (the "ten_secondly_rolling"
 * policy) and a daily budget that resets at midnight (the portal's time zone; UTC here). Only
 * admitted requests take a slot, so a client that backs off recovers once the window rolls.
 */
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
  daily: number;
}

function utcDay(nowMs: number): string {
  return new Date(nowMs).toISOString().slice(0, 10);
}

function secondsUntilNextUtcDay(nowMs: number): number {
  const midnight = new Date(nowMs);
  midnight.setUTCHours(24, 0, 0, 0);
  return Math.max(1, Math.ceil((midnight.getTime() - nowMs) / 1000));
}

export class RateLimiter {
  private windows = new Map<string, number[]>();
  private daily = new Map<string, { day: string; count: number }>();

  constructor(private limits: RateLimits) {}

  setLimits(limits: Partial<RateLimits>): void {
    this.limits = { ...this.limits, ...limits };
  }

  reset(): void {
    this.windows.clear();
    this.daily.clear();
  }

  take(token: string, nowMs: number): RateLimitDecision {
    const window = this.prunedWindow(token, nowMs);
    const dailyCount = this.dailyCount(token, nowMs);
    const base = { max: this.limits.per10s, dailyMax: this.limits.daily };
    if (dailyCount.count >= this.limits.daily) {
      return {
        ...base,
        isAllowed: false,
        policy: "DAILY",
        remaining: Math.max(0, this.limits.per10s - window.length),
        dailyRemaining: 0,
        retryAfterSeconds: secondsUntilNextUtcDay(nowMs),
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

  private dailyCount(token: string, nowMs: number): { day: string; count: number } {
    const day = utcDay(nowMs);
    let entry = this.daily.get(token);
    if (!entry || entry.day !== day) {
      entry = { day, count: 0 };
      this.daily.set(token, entry);
    }
    return entry;
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
