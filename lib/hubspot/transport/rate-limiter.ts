/**
 * The client-side request budget: at most `limit` requests per rolling `windowMs`, shared by
 * every call of one client, as a sliding window log (HubSpot's own limit is a rolling window, so
 * a fixed-window bucket would trip it at window edges).
 *
 * Pitfall: the server counts a request when it arrives, which is some unknown time after we send
 * it. Each slot is therefore stamped when its request *completes* (in flight counts as "now"):
 * arrival ≤ completion, so a slot reused `windowMs` after completion can never fall inside the
 * server's window together with the old request. A full-speed sequential sync then uses
 * windowMs / (windowMs + latency) of the budget (97% at 300 ms per call) and never trips a 429.
 */

export interface RateLimiterOptions {
  limit: number;
  windowMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export interface RateSlot {
  /** Marks the request as finished; call exactly once, also on failure. */
  release(): void;
}

interface Entry {
  /** Completion time; Infinity while the request is in flight. */
  at: number;
}

export class SlidingWindowLimiter {
  private readonly entries: Entry[] = [];
  private pausedUntil = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private releaseWaiters: Array<() => void> = [];

  constructor(private readonly options: RateLimiterOptions) {
    if (!Number.isInteger(options.limit) || options.limit < 1)
      throw new RangeError(`Rate limit must be a positive integer, got ${options.limit}`);
  }

  /** Waits for a free slot. Callers are served in arrival order. */
  acquire(): Promise<RateSlot> {
    const turn = this.queue.then(() => this.waitForSlot());
    this.queue = turn.catch(() => undefined);
    return turn.then((entry) => {
      let isReleased = false;
      return {
        release: () => {
          if (isReleased) return;
          isReleased = true;
          entry.at = this.options.now();
          const waiters = this.releaseWaiters;
          this.releaseWaiters = [];
          waiters.forEach((wake) => wake());
        },
      };
    });
  }

  /** Holds every caller until `ms` from now (a 429 pauses the whole client, not just one call). */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.options.now() + ms);
  }

  /** Time until the oldest finished request of ours leaves a window of `windowMs`; null when none is inside it. */
  msUntilOldestLeaves(windowMs: number): number | null {
    const now = this.options.now();
    const inside = this.entries.filter((entry) => Number.isFinite(entry.at) && entry.at > now - windowMs);
    if (inside.length === 0) return null;
    const oldest = Math.min(...inside.map((entry) => entry.at));
    return oldest + windowMs - now;
  }

  private async waitForSlot(): Promise<Entry> {
    const { now, sleep, limit, windowMs } = this.options;
    const pause = this.pausedUntil - now();
    // The pause counts as served once slept, even if an injected test clock did not move.
    if (pause > 0) await sleep(pause);
    for (;;) {
      this.prune(now() - windowMs);
      if (this.entries.length < limit) {
        const entry: Entry = { at: Number.POSITIVE_INFINITY };
        this.entries.push(entry);
        return entry;
      }
      const finished = this.entries.filter((entry) => Number.isFinite(entry.at));
      if (finished.length === 0) {
        await new Promise<void>((resolve) => this.releaseWaiters.push(resolve));
        continue;
      }
      const oldest = finished.reduce((min, entry) => (entry.at < min.at ? entry : min));
      const wait = oldest.at + windowMs - now();
      if (wait > 0) await sleep(wait);
      // Slept until it left the window: drop it explicitly so progress never depends on the clock.
      this.entries.splice(this.entries.indexOf(oldest), 1);
    }
  }

  private prune(cutoff: number): void {
    for (let index = this.entries.length - 1; index >= 0; index -= 1) {
      const entry = this.entries[index];
      if (entry && entry.at <= cutoff) this.entries.splice(index, 1);
    }
  }
}
