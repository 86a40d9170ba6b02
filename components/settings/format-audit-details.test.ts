import { describe, expect, it } from "vitest";
import { formatAuditDetails } from "./format-audit-details";

describe("formatAuditDetails", () => {
  it("shows only the fields a before/after pair changed", () => {
    expect(
      formatAuditDetails({ before: { enabled: true, unitTotal: 20 }, after: { enabled: false, unitTotal: 20 } }),
    ).toBe("enabled: true → false");
    expect(formatAuditDetails({ before: null, after: { enabled: true, unitTotal: null } })).toBe(
      "enabled: — → true · unitTotal: — → null",
    );
  });

  it("shortens long lists and leaves out empty ones", () => {
    expect(formatAuditDetails({ created: ["a", "b", "c", "d", "e"], errors: [], createdGroup: true })).toBe(
      "created: 5 (a, b, c, +2 more) · createdGroup: true",
    );
    expect(formatAuditDetails({ role: "viewer" })).toBe("role: viewer");
    expect(formatAuditDetails({})).toBe("—");
  });
});
