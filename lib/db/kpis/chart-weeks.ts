import { CHART_WEEKS } from "./build-level-kpi-sql";

/** Monday 00:00 UTC of each of the last CHART_WEEKS ISO weeks up to `now`'s week, oldest first. */
export function chartWeeks(now: Date): Date[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const daysSinceMonday = (now.getUTCDay() + 6) % 7;
  const thisMonday = today - daysSinceMonday * 86_400_000;
  return Array.from({ length: CHART_WEEKS }, (_, index) => new Date(thisMonday - (CHART_WEEKS - 1 - index) * 7 * 86_400_000));
}

export const isoDate = (date: Date) => date.toISOString().slice(0, 10);
