import { describe, expect, it } from "vitest";
import { estimateTimeLeftMs, formatTimeLeft } from "./estimate-time-left";

describe("estimateTimeLeftMs", () => {
  it("extrapolates the observed rate to what is left", () => {
    // 100 learners in 2 s → 50/s; 400 left → 8 s.
    expect(estimateTimeLeftMs({ atMs: 0, processed: 100 }, { atMs: 2_000, processed: 200 }, 600)).toBe(8_000);
  });

  it("ignores what earlier runs of the chain processed", () => {
    expect(estimateTimeLeftMs({ atMs: 10_000, processed: 5_000 }, { atMs: 12_000, processed: 5_100 }, 5_200)).toBe(
      2_000,
    );
  });

  it("says nothing until it has watched long enough or seen progress", () => {
    expect(estimateTimeLeftMs(null, { atMs: 5_000, processed: 10 }, 100)).toBeNull();
    expect(estimateTimeLeftMs({ atMs: 0, processed: 0 }, { atMs: 1_000, processed: 10 }, 100)).toBeNull();
    expect(estimateTimeLeftMs({ atMs: 0, processed: 10 }, { atMs: 5_000, processed: 10 }, 100)).toBeNull();
    expect(estimateTimeLeftMs({ atMs: 0, processed: 0 }, { atMs: 5_000, processed: 0 }, 0)).toBeNull();
  });

  it("is zero when everything is processed", () => {
    expect(estimateTimeLeftMs(null, { atMs: 0, processed: 100 }, 100)).toBe(0);
  });
});

describe("formatTimeLeft", () => {
  it("reads naturally", () => {
    expect(formatTimeLeft(null)).toBe("estimating…");
    expect(formatTimeLeft(0)).toBe("finishing");
    expect(formatTimeLeft(8_000)).toBe("about 8 s left");
    expect(formatTimeLeft(125_000)).toBe("about 2 min 5 s left");
    expect(formatTimeLeft(3_900_000)).toBe("about 1 h 5 min left");
  });
});
