import { describe, expect, it } from "vitest";
import { emailProblem, missingEmail, normalizeEmail } from "./normalize-email";

describe("emails", () => {
  it("trims and lower-cases", () => {
    expect(normalizeEmail("  Ann.Lee@Example.COM ")).toBe("ann.lee@example.com");
  });

  it.each(["ann@example.com", "a.b+tag@sub.example.co.uk", "o'neil@example.ie", "x_y-z@ex-ample.org"])(
    "accepts %s",
    (email) => {
      expect(emailProblem(email)).toBeNull();
    },
  );

  it.each([
    ["", "email is empty"],
    ["no-at-sign.example.com", "not a valid email address"],
    ["two@@example.com", "not a valid email address"],
    ["space in@example.com", "not a valid email address"],
    ["ann@localhost", "not a valid email address"],
    ["ann@example.c", "not a valid email address"],
    [".ann@example.com", "misplaced dots"],
    ["an..n@example.com", "misplaced dots"],
    [`${"a".repeat(65)}@example.com`, "longer than 64"],
  ])("rejects %j", (email, reason) => {
    expect(emailProblem(email)).toContain(reason);
  });

  it.each([
    [null, "no email address (NULL)"],
    ["", "an empty email address"],
    ["  \t\n ", "an email address of only whitespace"],
  ])("treats %j as missing, not as invalid", (email, missing) => {
    expect(missingEmail(email)).toBe(missing);
  });

  it.each(["ann@example.com", " x ", "not-an-email"])("does not call %j missing (it is validated instead)", (email) => {
    expect(missingEmail(email)).toBeNull();
  });
});
