import { describe, expect, it } from "vitest";
import { estimateQuotaDays } from "./estimate-quota-days";

describe("estimateQuotaDays", () => {
  it("fits 1M learners (10,000 calls) in one day of a 250,000-request quota", () => {
    const estimate = estimateQuotaDays({ calls: 10_000, toSend: 1_000_000, dailyQuota: 250_000 });
    expect(estimate).toMatchObject({ calls: 10_000, days: 1, todayCalls: 10_000, todayContacts: 1_000_000 });
    expect(estimate.message).toContain("fits today");
  });

  it("spreads a send larger than a day's quota over days, and says which part goes today", () => {
    const estimate = estimateQuotaDays({
      calls: 600_001,
      toSend: 60_000_001,
      dailyQuota: 250_000,
      usedToday: 50_000,
      otherCalls: 5,
      timeZone: "America/New_York",
    });
    // 200,000 calls fit today, then 250,000 and 150,006: three days.
    expect(estimate).toMatchObject({
      calls: 600_006,
      remainingToday: 200_000,
      todayCalls: 200_000,
      todayContacts: 19_999_500,
      days: 3,
    });
    expect(estimate.message).toContain("spread over 3 days");
    expect(estimate.message).toContain("Today: the first 200,000 calls (about 19,999,500 contacts)");
    expect(estimate.message).toContain("after midnight America/New_York");
  });

  it("starts tomorrow when today's quota is already used up", () => {
    const estimate = estimateQuotaDays({ calls: 300_000, toSend: 30_000_000, dailyQuota: 250_000, usedToday: 250_000 });
    expect(estimate).toMatchObject({ todayCalls: 0, todayContacts: 0, days: 2 });
    expect(estimate.message).toContain("Nothing fits today");
  });
});
