/**
 * The planning estimate for a large first sync: how many HubSpot calls sending `toSend` learners
 * takes (batches of 100, plus the property calls) against the portal's daily request quota
 * (crm_sync.settings.daily_request_quota: 250,000 on Free/Starter private apps, 650,000 on
 * Professional, 1,000,000 on Enterprise or with the API add-on). Beyond one day's quota the run
 * is spread over days: each day's cron run continues the paused chain from its cursor.
 */
export interface QuotaEstimate {
  calls: number;
  dailyQuota: number;
  /** Whole days the sync needs at the quota (at least 1). */
  days: number;
  /** One line for the dry-run summary. */
  message: string;
}

const BATCH = 100;

export function estimateQuotaDays(input: { toSend: number; dailyQuota: number; otherCalls?: number }): QuotaEstimate {
  const calls = Math.ceil(input.toSend / BATCH) + (input.otherCalls ?? 0);
  const days = Math.max(1, Math.ceil(calls / input.dailyQuota));
  const share = `${calls.toLocaleString("en-US")} HubSpot calls of a ${input.dailyQuota.toLocaleString("en-US")}-request daily quota`;
  const message =
    days === 1
      ? `Quota: ${share} (${Math.round((calls / input.dailyQuota) * 100)} %).`
      : `Quota: ${share}: larger than one day's quota, so the sync is spread over ${days} days (it pauses when the day's budget is used and the next run continues).`;
  return { calls, dailyQuota: input.dailyQuota, days, message };
}

/** The estimate against the quota configured in crm_sync.settings. */
export async function readQuotaEstimate(
  db: { query(text: string): Promise<{ rows: unknown[] }> },
  toSend: number,
): Promise<QuotaEstimate> {
  const { rows } = await db.query("select daily_request_quota from crm_sync.settings where id");
  const row = rows[0] as { daily_request_quota?: unknown } | undefined;
  if (typeof row?.daily_request_quota !== "number")
    throw new Error("crm_sync.settings.daily_request_quota is missing: run the migrations (npm run db:migrate)");
  return estimateQuotaDays({ toSend, dailyQuota: row.daily_request_quota });
}
