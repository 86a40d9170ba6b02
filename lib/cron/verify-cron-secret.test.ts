import { describe, expect, it } from "vitest";
import { isAuthorizedCronRequest } from "./verify-cron-secret";

const SECRET = "s3cret-cron-value";

describe("isAuthorizedCronRequest", () => {
  it("accepts the exact bearer secret", () => {
    expect(isAuthorizedCronRequest(`Bearer ${SECRET}`, SECRET)).toBe(true);
  });

  it("refuses a missing header", () => {
    expect(isAuthorizedCronRequest(null, SECRET)).toBe(false);
    expect(isAuthorizedCronRequest(undefined, SECRET)).toBe(false);
    expect(isAuthorizedCronRequest("", SECRET)).toBe(false);
  });

  it("refuses a wrong secret of the same length", () => {
    const wrong = SECRET.slice(0, -1) + (SECRET.endsWith("e") ? "f" : "e");
    expect(wrong).toHaveLength(SECRET.length);
    expect(isAuthorizedCronRequest(`Bearer ${wrong}`, SECRET)).toBe(false);
  });

  it("refuses secrets of another length without throwing", () => {
    expect(isAuthorizedCronRequest(`Bearer ${SECRET}x`, SECRET)).toBe(false);
    expect(isAuthorizedCronRequest("Bearer s", SECRET)).toBe(false);
    expect(isAuthorizedCronRequest(`Bearer ${"x".repeat(10_000)}`, SECRET)).toBe(false);
  });

  it("refuses other schemes and a bare secret", () => {
    expect(isAuthorizedCronRequest(SECRET, SECRET)).toBe(false);
    expect(isAuthorizedCronRequest(`Basic ${SECRET}`, SECRET)).toBe(false);
    expect(isAuthorizedCronRequest(`bearer ${SECRET}`, SECRET)).toBe(false);
    expect(isAuthorizedCronRequest(`Bearer  ${SECRET}`, SECRET)).toBe(false);
  });

  it("refuses everything when no secret is configured", () => {
    expect(isAuthorizedCronRequest(`Bearer ${SECRET}`, undefined)).toBe(false);
    expect(isAuthorizedCronRequest("Bearer ", "")).toBe(false);
    expect(isAuthorizedCronRequest("Bearer undefined", undefined)).toBe(false);
    expect(isAuthorizedCronRequest("Bearer ", undefined)).toBe(false);
  });
});
