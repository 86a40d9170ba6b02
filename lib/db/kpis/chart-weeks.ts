import { CHART_WEEKS } from "./build-level-kpi-sql";

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/**
 * Monday 00:00 UTC of the last CHART_WEEKS complete ISO weeks before `now`'s week, oldest first.
 * The running week is left out: half a week plotted next to full ones reads as a collapse.
 */
export function chartWeeks(now: Date): Date[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const thisMonday = today - ((now.getUTCDay() + 6) % 7) * DAY_MS;
  return Array.from({ length: CHART_WEEKS }, (_, index) => new Date(thisMonday - (CHART_WEEKS - index) * WEEK_MS));
}

/** The chart weeks' Mondays plus the Monday that ends the last one: the KPI statement's week buckets. */
export function chartWeekBounds(weeks: readonly Date[]): Date[] {
  const last = weeks.at(-1);
  return last ? [...weeks, new Date(last.getTime() + WEEK_MS)] : [];
}

export const isoDate = (date: Date) => date.toISOString().slice(0, 10);
