/**
 * What the preview says about HubSpot's daily quota (docs/ARCHITECTURE.md, "Daily quota"): whether
 * the sync fits what is left of today's quota, and if not, over how many days it is spread and which
 * part goes today. Pure, so the wording is tested without a browser.
 */
import { formatQuotaReset } from "@/lib/contracts/account-day";
import type { PreviewQuota } from "@/lib/sync/preview/read-preview";

export interface PreviewQuotaText {
  title: string;
  detail: string;
  /** True when the sync needs more than today: the preview shows it as a warning. */
  isSpread: boolean;
}

const count = (value: number) => value.toLocaleString("en-US");

export function describePreviewQuota(quota: PreviewQuota): PreviewQuotaText {
  const left = `${count(quota.remainingToday)} of the ${count(quota.dailyQuota)}-request daily quota are left today (${quota.timeZone})`;
  if (quota.days === 1 && quota.todayCalls >= quota.calls) {
    return {
      title: `HubSpot daily quota: fits today (${count(quota.calls)} ${quota.calls === 1 ? "call" : "calls"})`,
      detail: `This sync takes ${count(quota.calls)} HubSpot ${quota.calls === 1 ? "call" : "calls"}; ${left}.`,
      isSpread: false,
    };
  }
  const reset = formatQuotaReset(new Date(quota.resetsAt), quota.timeZone);
  const today =
    quota.todayCalls > 0
      ? `Today: the first ${count(quota.todayCalls)} calls, about ${count(quota.todayContacts)} contacts.`
      : "Nothing fits today.";
  return {
    title: `HubSpot daily quota: spread over ${count(quota.days)} days`,
    detail:
      `This sync takes ${count(quota.calls)} HubSpot calls and ${left}. ${today} ` +
      `The run pauses when the day's quota is used up and continues when it resets, at ${reset}, then up to ${count(quota.dailyQuota)} calls a day.`,
    isSpread: true,
  };
}
