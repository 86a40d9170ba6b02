/** Display formats of the dashboard numbers (en-US grouping, like formatCount in components/ui/format-count.ts). */

const PERCENT = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
export const formatRate = (value: number | null) => (value === null ? "—" : PERCENT.format(value));

/** Accuracy is already a percentage (0–100) with one decimal. */
export const formatAccuracy = (value: number | null) => (value === null ? "—" : `${value.toFixed(1)}%`);

export const formatUnits = (value: number | null) =>
  value === null ? "—" : value.toLocaleString("en-US", { maximumFractionDigits: 2 });

export const formatHours = (value: number) => `${value.toLocaleString("en-US", { maximumFractionDigits: 1 })} h`;

const WEEK = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
/** "9 Mar" for the week starting Monday 2026-03-09. */
export const formatWeek = (isoDate: string) => WEEK.format(new Date(`${isoDate}T00:00:00Z`));
