import { describe, expect, it } from "vitest";
import { accountDay, formatQuotaReset, isKnownTimeZone, nextAccountMidnight } from "./account-day";

describe("accountDay", () => {
  it("is the calendar day in the account's zone, not in UTC", () => {
    const at = Date.parse("2026-03-11T03:30:00Z");
    expect(accountDay(at, "UTC")).toBe("2026-03-11");
    expect(accountDay(at, "America/New_York")).toBe("2026-03-10");
    expect(accountDay(at, "Asia/Kathmandu")).toBe("2026-03-11");
  });
});

describe("nextAccountMidnight", () => {
  it("finds midnight in the zone (UTC−4 after the March change in New York)", () => {
    expect(nextAccountMidnight(Date.parse("2026-03-10T21:00:00Z"), "America/New_York").toISOString()).toBe(
      "2026-03-11T04:00:00.000Z",
    );
  });

  it("finds midnight on the day daylight saving starts and ends (23- and 25-hour days)", () => {
    // 8 Mar 2026 has 23 hours in New York, 1 Nov 2026 has 25.
    expect(nextAccountMidnight(Date.parse("2026-03-08T06:00:00Z"), "America/New_York").toISOString()).toBe(
      "2026-03-09T04:00:00.000Z",
    );
    expect(nextAccountMidnight(Date.parse("2026-11-01T05:00:00Z"), "America/New_York").toISOString()).toBe(
      "2026-11-02T05:00:00.000Z",
    );
  });

  it("handles zones a quarter of an hour off UTC, and the instant of midnight itself", () => {
    expect(nextAccountMidnight(Date.parse("2026-06-01T12:00:00Z"), "Asia/Kathmandu").toISOString()).toBe(
      "2026-06-01T18:15:00.000Z",
    );
    // At midnight exactly the day has just begun: the next reset is a day later.
    expect(nextAccountMidnight(Date.parse("2026-06-02T00:00:00Z"), "UTC").toISOString()).toBe(
      "2026-06-03T00:00:00.000Z",
    );
  });

  it("finds the first minute of a day whose midnight daylight saving skips (Santiago, September)", () => {
    // Chile moves from 00:00 to 01:00 on 6 Sep 2026: that day begins at 01:00 local = 04:00 UTC.
    expect(nextAccountMidnight(Date.parse("2026-09-05T12:00:00Z"), "America/Santiago").toISOString()).toBe(
      "2026-09-06T04:00:00.000Z",
    );
  });
});

describe("formatQuotaReset", () => {
  it("names the time in the account's zone, the date, and the time in UTC", () => {
    const at = new Date("2026-03-11T04:00:00Z");
    expect(formatQuotaReset(at, "America/New_York")).toBe("00:00 America/New_York on 11 Mar 2026 (04:00 UTC)");
    expect(formatQuotaReset(at, "UTC")).toBe("04:00 UTC on 11 Mar 2026");
  });
});

describe("isKnownTimeZone", () => {
  it("accepts IANA names and refuses anything else", () => {
    expect(isKnownTimeZone("Europe/Madrid")).toBe(true);
    expect(isKnownTimeZone("Mars/Olympus_Mons")).toBe(false);
  });
});
