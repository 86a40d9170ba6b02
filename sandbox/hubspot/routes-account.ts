/**
 * `GET /account-info/v3/details`: what a client calls to prove its token works, learn the portal id
 * and the account's time zone (the daily API limit resets at midnight there).
 */
import type { Route } from "./router";

/** HubSpot's `utcOffset` ("+05:45", "-04:00") and `utcOffsetMilliseconds` for the zone at `now`. */
function utcOffset(now: Date, timeZone: string): { text: string; ms: number } {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((entry) => entry.type === type)?.value);
  const local = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second"));
  const ms = Math.round((local - Math.floor(now.getTime() / 1000) * 1000) / 60_000) * 60_000;
  const minutes = Math.abs(ms) / 60_000;
  const text = `${ms < 0 ? "-" : "+"}${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
  return { text, ms };
}

export const accountRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/account-info/v3/details",
    handler: (context) => {
      const offset = utcOffset(context.now, context.timeZone);
      return {
        status: 200,
        body: {
          portalId: context.portalId,
          accountType: "STANDARD",
          timeZone: context.timeZone,
          companyCurrency: "USD",
          additionalCurrencies: [],
          utcOffset: offset.text,
          utcOffsetMilliseconds: offset.ms,
          uiDomain: "app.hubspot.com",
          dataHostingLocation: "na1",
        },
      };
    },
  },
];
