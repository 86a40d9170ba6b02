/**
 * The daily quota's records (docs/ARCHITECTURE.md, "Daily quota"): the quota and the account's
 * time zone in crm_sync.settings, and the app's own HubSpot calls per account day in
 * crm_sync.hubspot_daily_usage (added to by every commit of a run, lib/sync/runs/commit-settled.ts).
 */
import { z } from "zod";
import { FALLBACK_TIME_ZONE, isKnownTimeZone } from "@/lib/contracts/account-day";
import type { Queryable } from "@/lib/db/queryable";

export interface QuotaSettings {
  /** Requests per account day (crm_sync.settings.daily_request_quota; the HubSpot tier's limit). */
  dailyQuota: number;
  /** The account's IANA time zone as last read from HubSpot; null until a run with a token read it. */
  timeZone: string | null;
  timeZoneReadAt: Date | null;
}

const settingsRowSchema = z.object({
  daily_request_quota: z.number().int().positive(),
  account_time_zone: z.string().nullable(),
  account_time_zone_read_at: z.date().nullable(),
});

export async function readQuotaSettings(db: Queryable): Promise<QuotaSettings> {
  const { rows } = await db.query(
    "select daily_request_quota, account_time_zone, account_time_zone_read_at from crm_sync.settings where id",
  );
  if (!rows[0]) throw new Error("crm_sync.settings has no row: run the migrations (npm run db:migrate)");
  const row = settingsRowSchema.parse(rows[0]);
  return {
    dailyQuota: row.daily_request_quota,
    timeZone: row.account_time_zone !== null && isKnownTimeZone(row.account_time_zone) ? row.account_time_zone : null,
    timeZoneReadAt: row.account_time_zone_read_at,
  };
}

/** The zone the quota's day is counted in: the account's, else UTC until it is known. */
export function quotaTimeZone(settings: QuotaSettings): string {
  return settings.timeZone ?? FALLBACK_TIME_ZONE;
}

/** `readAt`: the engine's clock, the one its cache age is measured with. */
export async function saveAccountTimeZone(db: Queryable, timeZone: string, readAt: Date): Promise<void> {
  await db.query("update crm_sync.settings set account_time_zone = $1, account_time_zone_read_at = $2 where id", [
    timeZone,
    readAt,
  ]);
}

/** The app's HubSpot calls recorded on `day` (an account day, `YYYY-MM-DD`). */
export async function readCallsOn(db: Queryable, day: string): Promise<number> {
  return (await readDayUsage(db, day, null)).calls;
}

/**
 * The calls recorded on `day` and, read in the same statement, how many of run `runId`'s calls the
 * table holds by now (its `api_calls`): the run's calls beyond that are not counted anywhere yet.
 */
export async function readDayUsage(
  db: Queryable,
  day: string,
  runId: number | null,
): Promise<{ calls: number; runCalls: number }> {
  const { rows } = await db.query(
    `select coalesce((select calls from crm_sync.hubspot_daily_usage where day = $1::date), 0)::float8 as calls,
       coalesce((select api_calls from crm_sync.runs where id = $2), 0)::float8 as run_calls`,
    [day, runId],
  );
  const row = z.object({ calls: z.number(), run_calls: z.number() }).parse(rows[0]);
  return { calls: row.calls, runCalls: row.run_calls };
}
