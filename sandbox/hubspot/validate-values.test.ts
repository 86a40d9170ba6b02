import { describe, expect, it } from "vitest";
import type { PropertyDefinition } from "./model";
import { seededSnapshot } from "./seed-state";
import { checkPropertyValue, isPlausibleEmail, normalizeEmail } from "./validate-values";

function property(overrides: Partial<PropertyDefinition>): PropertyDefinition {
  const base = seededSnapshot().properties.find((candidate) => candidate.name === "firstname");
  if (!base) throw new Error("seed lacks firstname");
  return { ...base, name: "p", hubspotDefined: false, ...overrides };
}

const number = property({ type: "number", fieldType: "number" });
const date = property({ type: "date", fieldType: "date" });
const datetime = property({ type: "datetime", fieldType: "date" });
const options = ["a1", "a2", "b1"].map((value, index) => ({
  label: value.toUpperCase(),
  value,
  displayOrder: index,
  hidden: false,
}));
const select = property({ type: "enumeration", fieldType: "select", options });
const checkbox = property({ type: "enumeration", fieldType: "checkbox", options });
const bool = property({ type: "bool", fieldType: "booleancheckbox" });

describe("checkPropertyValue", () => {
  it.each(["0", "12", "-3", "87.5", "0.25"])("accepts the number %s", (value) => {
    expect(checkPropertyValue(number, value)).toEqual({ ok: true, value });
  });

  it.each(["1e3", "12 ", "1,5", "abc", ".5", "NaN", "0x10"])("refuses the number %j", (value) => {
    expect(checkPropertyValue(number, value)).toMatchObject({ ok: false, code: "INVALID_DOUBLE" });
  });

  it("lets an empty string clear any type", () => {
    for (const definition of [number, date, datetime, select, checkbox, bool])
      expect(checkPropertyValue(definition, "")).toEqual({ ok: true, value: "" });
  });

  it("accepts dates as YYYY-MM-DD and as midnight-UTC epoch milliseconds (stored as YYYY-MM-DD)", () => {
    expect(checkPropertyValue(date, "2024-02-29")).toEqual({ ok: true, value: "2024-02-29" });
    expect(checkPropertyValue(date, String(Date.UTC(2024, 1, 29)))).toEqual({ ok: true, value: "2024-02-29" });
  });

  it("refuses dates that are not midnight UTC, naming the time of day", () => {
    const oneMsLate = String(Date.UTC(2024, 1, 29) + 1);
    expect(checkPropertyValue(date, oneMsLate)).toEqual({
      ok: false,
      code: "INVALID_DATE",
      message: `${oneMsLate} is at 0:0:0.1 UTC, not midnight!`,
    });
    // Local midnight in Berlin is 23:00 UTC the day before: the classic mistake.
    expect(checkPropertyValue(date, String(Date.UTC(2024, 1, 28, 23)))).toMatchObject({
      ok: false,
      code: "INVALID_DATE",
    });
  });

  it.each(["2023-02-29", "2024-13-01", "24-01-01", "2024-01-01T00:00:00Z", "yesterday"])(
    "refuses the date %j",
    (value) => {
      expect(checkPropertyValue(date, value)).toMatchObject({ ok: false, code: "INVALID_DATE" });
    },
  );

  it("accepts datetimes as ISO-8601 with a zone or epoch milliseconds, stored as ISO in UTC", () => {
    expect(checkPropertyValue(datetime, "2024-03-05T13:30:00+01:00")).toEqual({
      ok: true,
      value: "2024-03-05T12:30:00.000Z",
    });
    expect(checkPropertyValue(datetime, "1709645400000")).toEqual({ ok: true, value: "2024-03-05T13:30:00.000Z" });
    expect(checkPropertyValue(datetime, "2024-03-05")).toEqual({ ok: true, value: "2024-03-05T00:00:00.000Z" });
  });

  it.each(["2024-03-05T13:30:00", "2024-02-30T00:00:00Z", "5 March 2024"])("refuses the datetime %j", (value) => {
    expect(checkPropertyValue(datetime, value)).toMatchObject({ ok: false, code: "INVALID_DATETIME" });
  });

  it("checks enumerations against option values, not labels, and splits checkbox values on ;", () => {
    expect(checkPropertyValue(select, "a2")).toEqual({ ok: true, value: "a2" });
    expect(checkPropertyValue(select, "A2")).toMatchObject({ ok: false, code: "INVALID_OPTION" });
    expect(checkPropertyValue(select, "a1;a2")).toMatchObject({ ok: false, code: "INVALID_OPTION" });
    expect(checkPropertyValue(checkbox, "a1;b1")).toEqual({ ok: true, value: "a1;b1" });
    expect(checkPropertyValue(checkbox, "a1;c1")).toMatchObject({
      ok: false,
      code: "INVALID_OPTION",
      message: expect.stringContaining("c1"),
    });
  });

  it("accepts only true/false for bool", () => {
    expect(checkPropertyValue(bool, "true")).toEqual({ ok: true, value: "true" });
    expect(checkPropertyValue(bool, "yes")).toMatchObject({ ok: false, code: "INVALID_BOOLEAN" });
  });

  it("refuses any value for a read-only property", () => {
    const readOnly = property({
      modificationMetadata: { archivable: false, readOnlyDefinition: true, readOnlyValue: true },
    });
    expect(checkPropertyValue(readOnly, "x")).toMatchObject({ ok: false, code: "READ_ONLY_VALUE" });
  });
});

describe("isPlausibleEmail", () => {
  it.each(["ann@example.com", "Ann.Lee+tag@sub.example.co.uk", " ann@example.com ", "o'brien@example.ie"])(
    "accepts %j",
    (email) => {
      expect(isPlausibleEmail(email)).toBe(true);
    },
  );

  it.each([
    "",
    "ann",
    "ann@",
    "@example.com",
    "ann@example",
    "ann@@example.com",
    "ann lee@example.com",
    "ann@example..com",
    ".ann@example.com",
    "ann..lee@example.com",
    "ann@-example.com",
    "ann@example.c",
  ])("refuses %j", (email) => {
    expect(isPlausibleEmail(email)).toBe(false);
  });

  it("normalises by trimming and lower-casing", () => {
    expect(normalizeEmail("  Ann@Example.COM ")).toBe("ann@example.com");
  });
});
