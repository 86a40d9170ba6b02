/**
 * Property value rules, as HubSpot applies them when contacts are written. Every value is a
 * string on the wire; an empty string clears the property, whatever its type.
 */
import type { PropertyDefinition } from "./model";

export type ValueCheck = { ok: true; value: string } | { ok: false; code: string; message: string };

const DECIMAL = /^-?\d+(\.\d+)?$/;
const EPOCH_MILLIS = /^-?\d+$/;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// A time needs an explicit zone: without one, Date.parse would read it in the server's local zone.
const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;
const DAY_MS = 86_400_000;
// One address, no spaces, a dotted domain ending in a 2+ letter TLD: what HubSpot calls plausible.
const PLAUSIBLE_EMAIL = /^[^\s@"(),:;<>[\\\]]+@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export function isPlausibleEmail(value: string): boolean {
  const email = value.trim();
  if (email.length > 254 || !PLAUSIBLE_EMAIL.test(email)) return false;
  const local = email.slice(0, email.lastIndexOf("@"));
  return local.length <= 64 && !local.startsWith(".") && !local.endsWith(".") && !local.includes("..");
}

/** HubSpot stores and matches emails lower-cased and trimmed. */
export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}

function invalid(code: string, message: string): ValueCheck {
  return { ok: false, code, message };
}

function isRealCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function timeOfDay(millis: number): string {
  const date = new Date(millis);
  return `${date.getUTCHours()}:${date.getUTCMinutes()}:${date.getUTCSeconds()}.${date.getUTCMilliseconds()}`;
}

/**
 * HubSpot's `date` type holds a calendar day, stored as midnight UTC. Epoch milliseconds that
 * are not exactly midnight UTC are rejected (not rounded): the classic bug is sending a local
 * midnight or `Date.now()`. Stored as `YYYY-MM-DD`, the form v3 reads return.
 */
function checkDate(value: string): ValueCheck {
  const calendar = CALENDAR_DATE.exec(value);
  if (calendar) {
    const [, year, month, day] = calendar.map(Number) as [number, number, number, number];
    if (isRealCalendarDate(year, month, day)) return { ok: true, value };
    return invalid("INVALID_DATE", `${value} is not a valid date`);
  }
  if (EPOCH_MILLIS.test(value)) {
    const millis = Number(value);
    if (!Number.isSafeInteger(millis)) return invalid("INVALID_DATE", `${value} is not a valid date`);
    if (millis % DAY_MS !== 0) return invalid("INVALID_DATE", `${value} is at ${timeOfDay(millis)} UTC, not midnight!`);
    return { ok: true, value: new Date(millis).toISOString().slice(0, 10) };
  }
  return invalid("INVALID_DATE", `${value} is not a valid date: use YYYY-MM-DD or epoch milliseconds at midnight UTC`);
}

function parseDatetime(value: string): number {
  if (EPOCH_MILLIS.test(value)) return Number(value);
  const iso = ISO_DATETIME.exec(value);
  if (!iso || !isRealCalendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3]))) return Number.NaN;
  return Date.parse(value);
}

function checkDatetime(value: string): ValueCheck {
  const millis = parseDatetime(value);
  if (!Number.isSafeInteger(millis) || Number.isNaN(new Date(millis).getTime())) {
    return invalid("INVALID_DATETIME", `${value} is not a valid datetime: use ISO-8601 or epoch milliseconds`);
  }
  return { ok: true, value: new Date(millis).toISOString() };
}

function checkOptions(property: PropertyDefinition, value: string): ValueCheck {
  const allowed = new Set(property.options.map((option) => option.value));
  // Multi-select (checkbox) values are `;`-separated lists of option values.
  const chosen = property.fieldType === "checkbox" ? value.split(";") : [value];
  const unknown = chosen.find((choice) => !allowed.has(choice));
  if (unknown === undefined) return { ok: true, value };
  return invalid("INVALID_OPTION", `${unknown} was not one of the allowed options: [${[...allowed].join(", ")}]`);
}

export function checkPropertyValue(property: PropertyDefinition, value: string): ValueCheck {
  if (property.modificationMetadata.readOnlyValue) {
    return invalid("READ_ONLY_VALUE", `${property.name} is a read only property; its value cannot be set.`);
  }
  if (value === "") return { ok: true, value };
  switch (property.type) {
    case "number":
      return DECIMAL.test(value) ? { ok: true, value } : invalid("INVALID_DOUBLE", `${value} was not a valid number.`);
    case "enumeration":
      return checkOptions(property, value);
    case "bool":
      return value === "true" || value === "false"
        ? { ok: true, value }
        : invalid("INVALID_BOOLEAN", `${value} is not a valid boolean: use "true" or "false"`);
    case "date":
      return checkDate(value);
    case "datetime":
      return checkDatetime(value);
    case "string":
    case "phone_number":
      return { ok: true, value };
  }
}
