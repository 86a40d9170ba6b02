/**
 * HubSpot's daily API limit is counted per account day: it resets at midnight in the account's
 * time zone (GET /account-info/v3/details → `timeZone`, an IANA name). The engine, the preview and
 * the pages share these definitions of "the account's day" and "when the quota resets", so the
 * run that pauses, the cron that waits and the page that says when it continues cannot disagree.
 * See docs/ARCHITECTURE.md, "Daily quota". Pure (Intl only): it runs on the server and in the browser.
 */

/** The zone used when the account's is not known yet (no HubSpot token, or an answer without one). */
export const FALLBACK_TIME_ZONE = "UTC";

const DAY_FORMATS = new Map<string, Intl.DateTimeFormat>();

function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = DAY_FORMATS.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    DAY_FORMATS.set(timeZone, format);
  }
  return format;
}

/** Whether `timeZone` is an IANA zone this runtime knows (HubSpot's answer is checked before use). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    dayFormat(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The account's calendar day at `atMs`, as `YYYY-MM-DD`. */
export function accountDay(atMs: number, timeZone: string): string {
  const parts = dayFormat(timeZone).formatToParts(new Date(atMs));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((entry) => entry.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/**
 * The first instant after `atMs` that belongs to the next account day: midnight in the zone, or
 * the first minute of the day where a daylight-saving change skips midnight. Found by bisection
 * over the day boundary, so no offset arithmetic can go wrong around such changes.
 */
export function nextAccountMidnight(atMs: number, timeZone: string): Date {
  const today = accountDay(atMs, timeZone);
  let before = atMs;
  // Days are at most 25 hours long; 27 h is always in a later day.
  let after = atMs + 27 * 3_600_000;
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (accountDay(middle, timeZone) === today) before = middle;
    else after = middle;
  }
  return new Date(after);
}

const TIME_FORMATS = new Map<string, Intl.DateTimeFormat>();

function timeFormat(timeZone: string): Intl.DateTimeFormat {
  let format = TIME_FORMATS.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    TIME_FORMATS.set(timeZone, format);
  }
  return format;
}

function hourMinuteAndDate(at: Date, timeZone: string): { time: string; date: string } {
  const parts = timeFormat(timeZone).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((entry) => entry.type === type)?.value ?? "";
  return { time: `${part("hour")}:${part("minute")}`, date: `${part("day")} ${part("month")} ${part("year")}` };
}

/**
 * "00:00 America/New_York on 11 Mar 2026 (05:00 UTC)": when a run paused for the daily quota
 * continues, in the account's zone first (that is where HubSpot's day turns), then in UTC.
 */
export function formatQuotaReset(at: Date, timeZone: string): string {
  const local = hourMinuteAndDate(at, timeZone);
  if (timeZone === "UTC") return `${local.time} UTC on ${local.date}`;
  const utc = hourMinuteAndDate(at, "UTC");
  return `${local.time} ${timeZone} on ${local.date} (${utc.time} UTC)`;
}
