import { describe, expect, it } from "vitest";
import { chartWeekBounds, chartWeeks, isoDate } from "./chart-weeks";

describe("chartWeeks", () => {
  it("gives the 12 complete ISO weeks (Mondays, UTC) before the week that holds `now`", () => {
    const weeks = chartWeeks(new Date("2026-03-11T12:00:00Z")).map(isoDate);
    expect(weeks).toHaveLength(12);
    expect(weeks[0]).toBe("2025-12-15");
    expect(weeks.at(-1)).toBe("2026-03-02");
  });

  it("treats Sunday as the last day of its week and Monday 00:00 UTC as the first", () => {
    expect(chartWeeks(new Date("2026-03-15T23:59:59Z")).map(isoDate).at(-1)).toBe("2026-03-02");
    expect(chartWeeks(new Date("2026-03-16T00:00:00Z")).map(isoDate).at(-1)).toBe("2026-03-09");
  });
});

describe("chartWeekBounds", () => {
  it("adds the Monday that ends the last chart week", () => {
    const bounds = chartWeekBounds(chartWeeks(new Date("2026-03-11T12:00:00Z"))).map(isoDate);
    expect(bounds).toHaveLength(13);
    expect(bounds[0]).toBe("2025-12-15");
    expect(bounds.at(-1)).toBe("2026-03-09");
  });
});
