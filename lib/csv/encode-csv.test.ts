import { describe, expect, it } from "vitest";
import { encodeCsvRow, encodeCsvValue } from "./encode-csv";

describe("encodeCsvValue", () => {
  it("neutralises text a spreadsheet would run as a formula", () => {
    expect(encodeCsvValue('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(encodeCsvValue("+1+1")).toBe("'+1+1");
    expect(encodeCsvValue("-2+3")).toBe("'-2+3");
    expect(encodeCsvValue("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(encodeCsvValue("\t=1")).toBe("'\t=1");
    expect(encodeCsvValue("\r=1")).toBe(`"'\r=1"`);
  });

  it("leaves numbers, including negative ones, as numbers", () => {
    expect(encodeCsvValue(-3)).toBe("-3");
    expect(encodeCsvValue(12.5)).toBe("12.5");
    expect(encodeCsvValue(Number.NaN)).toBe("");
  });

  it("quotes commas, quotes and line breaks, doubling quotes", () => {
    expect(encodeCsvValue("a,b")).toBe('"a,b"');
    expect(encodeCsvValue('say "hi"')).toBe('"say ""hi"""');
    expect(encodeCsvValue("line 1\nline 2")).toBe('"line 1\nline 2"');
    expect(encodeCsvValue("plain text")).toBe("plain text");
  });

  it("keeps unicode as it is", () => {
    expect(encodeCsvValue("Zoë Ångström 学习 🎓")).toBe("Zoë Ångström 学习 🎓");
  });

  it("writes empty cells for missing values, ISO text for dates and true/false for booleans", () => {
    expect(encodeCsvValue(null)).toBe("");
    expect(encodeCsvValue(undefined)).toBe("");
    expect(encodeCsvValue(new Date("2026-03-09T10:00:00Z"))).toBe("2026-03-09T10:00:00.000Z");
    expect(encodeCsvValue(false)).toBe("false");
  });
});

describe("encodeCsvRow", () => {
  it("joins with commas and ends with CRLF", () => {
    expect(encodeCsvRow(["a1", 3, null, "x,y", "=1"])).toBe(`a1,3,,"x,y",'=1\r\n`);
  });
});
