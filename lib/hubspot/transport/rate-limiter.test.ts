import { describe, expect, it } from "vitest";
import { SlidingWindowLimiter } from "./rate-limiter";

function virtualTime() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
    sleeps,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

describe("SlidingWindowLimiter", () => {
  it("admits `limit` requests per rolling window and no more", async () => {
    const time = virtualTime();
    const limiter = new SlidingWindowLimiter({ limit: 10, windowMs: 10_000, now: time.now, sleep: time.sleep });
    const sentAt: number[] = [];
    for (let call = 0; call < 30; call += 1) {
      const slot = await limiter.acquire();
      sentAt.push(time.now());
      slot.release();
    }
    expect(sentAt.filter((at) => at === 0)).toHaveLength(10);
    expect(sentAt.filter((at) => at === 10_000)).toHaveLength(10);
    expect(sentAt.filter((at) => at === 20_000)).toHaveLength(10);
  });

  it("stamps a slot when its request completes, so latency cannot squeeze 11 arrivals into one server window", async () => {
    const time = virtualTime();
    const limiter = new SlidingWindowLimiter({ limit: 2, windowMs: 10_000, now: time.now, sleep: time.sleep });
    const first = await limiter.acquire();
    time.advance(700); // the first request takes 700 ms to come back
    first.release();
    (await limiter.acquire()).release();
    await limiter.acquire();
    expect(time.now()).toBe(10_700);
  });

  it("keeps ≥ 90% of the budget when calls are faster than the budget, never exceeding it", async () => {
    const time = virtualTime();
    const limiter = new SlidingWindowLimiter({ limit: 100, windowMs: 10_000, now: time.now, sleep: time.sleep });
    const sentAt: number[] = [];
    while (time.now() < 60_000) {
      const slot = await limiter.acquire();
      sentAt.push(time.now());
      time.advance(30); // 30 ms round trips: unthrottled, this loop would send 333 per 10 s
      slot.release();
    }
    // Any 10 s span holds at most 100 sends; the run as a whole averages at least 90 per 10 s.
    for (let index = 100; index < sentAt.length; index += 1)
      expect(sentAt[index]! - sentAt[index - 100]!).toBeGreaterThanOrEqual(10_000);
    expect(sentAt.length / (time.now() / 10_000)).toBeGreaterThanOrEqual(90);
  });

  it("counts requests in flight and wakes a waiter when one completes", async () => {
    const time = virtualTime();
    const limiter = new SlidingWindowLimiter({ limit: 2, windowMs: 1_000, now: time.now, sleep: time.sleep });
    const first = await limiter.acquire();
    await limiter.acquire();
    let isThirdAdmitted = false;
    const third = limiter.acquire().then((slot) => {
      isThirdAdmitted = true;
      return slot;
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(isThirdAdmitted).toBe(false);
    time.advance(200);
    first.release();
    await third;
    expect(time.now()).toBe(1_200);
  });

  it("pauses every caller after pauseFor", async () => {
    const time = virtualTime();
    const limiter = new SlidingWindowLimiter({ limit: 100, windowMs: 10_000, now: time.now, sleep: time.sleep });
    limiter.pauseFor(3_000);
    (await limiter.acquire()).release();
    (await limiter.acquire()).release();
    expect(time.sleeps).toEqual([3_000]);
  });

  it("terminates even when an injected sleep does not move the clock", async () => {
    const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 10_000, now: () => 0, sleep: async () => {} });
    for (let call = 0; call < 5; call += 1) (await limiter.acquire()).release();
    expect(true).toBe(true);
  });

  it("reports how long until our oldest finished request leaves a window", async () => {
    const time = virtualTime();
    const limiter = new SlidingWindowLimiter({ limit: 10, windowMs: 10_000, now: time.now, sleep: time.sleep });
    expect(limiter.msUntilOldestLeaves(10_000)).toBeNull();
    (await limiter.acquire()).release();
    time.advance(4_000);
    (await limiter.acquire()).release();
    expect(limiter.msUntilOldestLeaves(10_000)).toBe(6_000);
    expect(() => new SlidingWindowLimiter({ limit: 0, windowMs: 1, now: time.now, sleep: time.sleep })).toThrow(
      RangeError,
    );
  });
});
