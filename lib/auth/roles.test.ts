import { describe, expect, it } from "vitest";
import { hasRole, STAFF_ROLES, type StaffRole } from "./roles";

describe("hasRole", () => {
  const cases: Array<[StaffRole, StaffRole, boolean]> = [
    ["viewer", "viewer", true],
    ["viewer", "operator", false],
    ["viewer", "admin", false],
    ["operator", "viewer", true],
    ["operator", "operator", true],
    ["operator", "admin", false],
    ["admin", "viewer", true],
    ["admin", "operator", true],
    ["admin", "admin", true],
  ];

  it.each(cases)("%s meets %s: %s", (role, min, expected) => {
    expect(hasRole(role, min)).toBe(expected);
  });

  it("orders the roles viewer < operator < admin", () => {
    expect(STAFF_ROLES).toEqual(["viewer", "operator", "admin"]);
  });
});
