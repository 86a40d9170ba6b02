import { describe, expect, it } from "vitest";
import { isApiPath, isPublicPath, loginPathFor, safeNextPath } from "./paths";

describe("isPublicPath", () => {
  it("lets anonymous visitors reach only login, health and cron", () => {
    expect(isPublicPath("/login")).toBe(true);
    expect(isPublicPath("/api/health")).toBe(true);
    expect(isPublicPath("/api/cron/sync")).toBe(true);
    for (const path of [
      "/",
      "/sync",
      "/settings",
      "/no-access",
      "/login/extra",
      "/api/healthz",
      "/api/cron",
      "/api/runs",
    ]) {
      expect(isPublicPath(path), path).toBe(false);
    }
  });
});

describe("isApiPath", () => {
  it("matches /api and below only", () => {
    expect(isApiPath("/api")).toBe(true);
    expect(isApiPath("/api/runs")).toBe(true);
    expect(isApiPath("/apis")).toBe(false);
    expect(isApiPath("/sync")).toBe(false);
  });
});

describe("safeNextPath", () => {
  it("keeps same-origin paths with their query", () => {
    expect(safeNextPath("/sync")).toBe("/sync");
    expect(safeNextPath("/sync/runs/12?tab=errors")).toBe("/sync/runs/12?tab=errors");
  });

  it("refuses anything that could leave the site", () => {
    for (const next of [
      "//evil.test",
      "/\\evil.test",
      "https://evil.test",
      "evil.test",
      "/\t/evil.test",
      "/a\\b",
      "",
      undefined,
      ["/sync"],
    ]) {
      expect(safeNextPath(next), JSON.stringify(next)).toBe("/");
    }
  });

  it("does not loop back to the login page", () => {
    expect(safeNextPath("/login")).toBe("/");
    expect(safeNextPath("/login?next=%2Fsync")).toBe("/");
  });
});

describe("loginPathFor", () => {
  it("adds next only when it leads somewhere", () => {
    expect(loginPathFor("/")).toBe("/login");
    expect(loginPathFor("/settings")).toBe("/login?next=%2Fsettings");
    expect(loginPathFor("/sync?x=1&y=2")).toBe("/login?next=%2Fsync%3Fx%3D1%26y%3D2");
    expect(loginPathFor("//evil.test")).toBe("/login");
  });
});
