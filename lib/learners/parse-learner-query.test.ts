import { describe, expect, it } from "vitest";
import { parseLearnerQuery } from "./parse-learner-query";

describe("parseLearnerQuery", () => {
  it("normalises emails like the sync (trim, lower case)", () => {
    expect(parseLearnerQuery("  Ana@Example.COM\t")).toEqual({
      ok: true,
      query: { kind: "email", email: "ana@example.com" },
    });
  });

  it("reads a uuid in any case as a user id", () => {
    expect(parseLearnerQuery(" 0F0E0D0C-AAAA-4BBB-8CCC-123456789ABC ")).toEqual({
      ok: true,
      query: { kind: "user_id", userId: "0f0e0d0c-aaaa-4bbb-8ccc-123456789abc" },
    });
  });

  it("keeps a partial email as an email search", () => {
    expect(parseLearnerQuery("example.com")).toEqual({ ok: true, query: { kind: "email", email: "example.com" } });
  });

  it("refuses an empty or oversized query with a reason", () => {
    expect(parseLearnerQuery("   ")).toEqual({ ok: false, message: "type an email or a user id" });
    expect(parseLearnerQuery("a".repeat(321))).toMatchObject({ ok: false });
  });
});
