import { describe, expect, it } from "vitest";
import { describePreviewQuota } from "./describe-preview-quota";

const quota = {
  calls: 600_000,
  dailyQuota: 250_000,
  remainingToday: 200_000,
  todayCalls: 200_000,
  todayContacts: 20_000_000,
  days: 3,
  timeZone: "America/New_York",
  resetsAt: "2026-03-11T04:00:00.000Z",
  message: "",
};

describe("describePreviewQuota", () => {
  it("says over how many days a sync larger than today's quota is spread, and which part goes today", () => {
    expect(describePreviewQuota(quota)).toEqual({
      title: "HubSpot daily quota: spread over 3 days",
      detail:
        "This sync takes 600,000 HubSpot calls and 200,000 of the 250,000-request daily quota are left today (America/New_York). " +
        "Today: the first 200,000 calls, about 20,000,000 contacts. The run pauses when the day's quota is used up and continues " +
        "when it resets, at 00:00 America/New_York on 11 Mar 2026 (04:00 UTC), then up to 250,000 calls a day.",
      isSpread: true,
    });
  });

  it("says when nothing fits today", () => {
    expect(describePreviewQuota({ ...quota, remainingToday: 0, todayCalls: 0, todayContacts: 0 }).detail).toContain(
      "Nothing fits today.",
    );
  });

  it("says a sync that fits today does", () => {
    expect(describePreviewQuota({ ...quota, calls: 12, todayCalls: 12, todayContacts: 1_150, days: 1 })).toMatchObject({
      title: "HubSpot daily quota: fits today (12 calls)",
      isSpread: false,
    });
  });
});
