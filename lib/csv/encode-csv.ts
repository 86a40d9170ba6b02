/**
 * CSV encoding for the exports (RFC 4180: comma separated, CRLF line ends, fields with a comma, quote
 * or line break in double quotes with quotes doubled). Text that a spreadsheet would run as a formula
 * (starting with =, +, -, @, tab or carriage return) gets a leading single quote: an exported email or
 * error message must never become a formula in the staff member's spreadsheet (OWASP "CSV injection").
 * Numbers are written as numbers: -3 is a value, not a formula.
 */
export type CsvValue = string | number | boolean | Date | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** Excel reads UTF-8 only with a byte order mark; other readers skip it. */
export const CSV_BOM = "\uFEFF";

export function encodeCsvValue(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = value instanceof Date ? value.toISOString() : value;
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One record, CRLF-terminated. */
export function encodeCsvRow(values: readonly CsvValue[]): string {
  return `${values.map(encodeCsvValue).join(",")}\r\n`;
}
