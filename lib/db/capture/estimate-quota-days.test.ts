import { describe, expect, it } from "vitest";
import { estimateQuotaDays } from "./estimate-quota-days";

describe("estimateQuotaDays", () => {
  it("fits 1M learners (10,000 calls) in one day of a 250,000-request quota", () => {
    expect(estimateQuotaDays({ toSend: 1_000_000, dailyQuota: 250_000 })).toMatchObject({ calls: 10_000, days: 1 });
  });

  it("spreads a send larger than a day's quota over days, and says so", () => {
    const estimate = estimateQuotaDays({ toSend: 60_000_001, dailyQuota: 250_000, otherCalls: 5 });
    expect(estimate).toMatchObject({ calls: 600_006, days: 3 });
    expect(estimate.message).toContain("spread over 3 days");
  });
});
