/**
 * The planning estimate for a large sync (docs/ARCHITECTURE.md, "Daily quota"): how many HubSpot
 * calls the plan takes (one per batch of 100; the few property calls are not counted) against the
 * account's daily request quota (crm_sync.settings.daily_request_quota: 250,000 on Free/Starter,
 * 650,000 on Professional, 1,000,000 on Enterprise; the API Limit Increase pack adds 1,000,000),
 * and what is left of today's. What does not fit today is spread over the following days: the live
 * run sends what fits, pauses, and the first cron run after midnight in the account's time zone
 * continues.
 */
import { accountDay, nextAccountMidnight } from "@/lib/contracts/account-day";
import type { Queryable } from "@/lib/db/queryable";
import { quotaTimeZone, readCallsOn, readQuotaSettings } from "@/lib/db/quota/daily-usage";

export interface QuotaEstimate {
  calls: number;
  dailyQuota: number;
  /** The app's calls already counted today (the account's day) and what is left of the quota. */
  usedToday: number;
  remainingToday: number;
  /** Calls of this plan that fit today, and about how many contacts they carry. */
  todayCalls: number;
  todayContacts: number;
  /** Account days the sync spans, today included when something fits today (at least 1). */
  days: number;
  timeZone: string;
  /** One line for the dry-run summary and the preview. */
  message: string;
}

const BATCH = 100;

const count = (value: number) => value.toLocaleString("en-US");

export function estimateQuotaDays(input: {
  /** Write calls of the plan (its batches). */
  calls: number;
  /** Contacts the plan writes, for "about N contacts today". */
  toSend: number;
  dailyQuota: number;
  usedToday?: number;
  /** Property creations and reads before the first batch. */
  otherCalls?: number;
  timeZone?: string;
}): QuotaEstimate {
  const calls = input.calls + (input.otherCalls ?? 0);
  const usedToday = input.usedToday ?? 0;
  const timeZone = input.timeZone ?? "UTC";
  const remainingToday = Math.max(0, input.dailyQuota - usedToday);
  const todayCalls = Math.min(calls, remainingToday);
  const todayContacts = Math.min(input.toSend, Math.max(0, todayCalls - (input.otherCalls ?? 0)) * BATCH);
  const rest = calls - todayCalls;
  const days = Math.max(1, (todayCalls > 0 ? 1 : 0) + Math.ceil(rest / input.dailyQuota));
  const left = `${count(remainingToday)} of the ${count(input.dailyQuota)}-request daily quota left today (${timeZone})`;
  const message =
    rest === 0
      ? `Quota: ${count(calls)} HubSpot ${calls === 1 ? "call" : "calls"}; ${left}: fits today.`
      : `Quota: ${count(calls)} HubSpot calls, more than the ${left}: the sync is spread over ${days} days. ` +
        (todayCalls > 0
          ? `Today: the first ${count(todayCalls)} calls (about ${count(todayContacts)} contacts); `
          : "Nothing fits today; ") +
        `then up to ${count(input.dailyQuota)} calls a day. The run pauses when the day's quota is used and continues after midnight ${timeZone}.`;
  return {
    calls,
    dailyQuota: input.dailyQuota,
    usedToday,
    remainingToday,
    todayCalls,
    todayContacts,
    days,
    timeZone,
    message,
  };
}

/** The estimate against the configured quota and what the app has used today (the account's day at `nowMs`). */
export async function readQuotaEstimate(
  db: Queryable,
  plan: { calls: number; toSend: number },
  nowMs: number,
): Promise<QuotaEstimate & { resetsAt: Date }> {
  const settings = await readQuotaSettings(db);
  const timeZone = quotaTimeZone(settings);
  const usedToday = await readCallsOn(db, accountDay(nowMs, timeZone));
  return {
    ...estimateQuotaDays({ ...plan, dailyQuota: settings.dailyQuota, usedToday, timeZone }),
    resetsAt: nextAccountMidnight(nowMs, timeZone),
  };
}
