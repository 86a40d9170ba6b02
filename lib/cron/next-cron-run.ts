/**
 * When the next scheduled sync starts: vercel.json runs GET /api/cron/sync every
 * CRON_EVERY_MINUTES minutes (a test keeps the two equal). Pure, so the browser can use it to say
 * "continues at the next cron run, at HH:MM".
 */
export const CRON_SCHEDULE = "*/15 * * * *";
export const CRON_EVERY_MINUTES = 15;

/** The first cron tick strictly after `after` (ticks are at whole multiples of the interval, UTC). */
export function nextCronRunAt(after: Date): Date {
  const stepMs = CRON_EVERY_MINUTES * 60_000;
  return new Date(Math.floor(after.getTime() / stepMs) * stepMs + stepMs);
}
