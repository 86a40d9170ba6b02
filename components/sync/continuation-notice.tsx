import { nextCronRunAt } from "@/lib/cron/next-cron-run";
import type { LiveRun } from "@/lib/contracts/live-run-response";
import { describeQuotaWait } from "./describe-run-stop";

function formatHourMinuteUtc(date: Date): string {
  return `${String(date.getUTCHours()).padStart(2, "0")}:${String(date.getUTCMinutes()).padStart(2, "0")} UTC`;
}

/**
 * A live run paused for the cron (at the cron's time budget, or because Sync now could not start its
 * workflow: the run's own message says which) is continued by the next scheduled cron run, from its
 * cursor: say when, so nobody presses Sync now in a loop.
 * One paused for HubSpot's daily quota waits for the quota to reset (midnight in the account's zone).
 */
export function ContinuationNotice({ run }: { run: LiveRun }) {
  if (run.status !== "paused" || !run.isResumable) return null;
  if (run.quotaPause) {
    return (
      <p className="text-sm text-slate-700" role="status">
        {describeQuotaWait({ resumeAfter: new Date(run.quotaPause.resumeAfter), timeZone: run.quotaPause.timeZone })}
      </p>
    );
  }
  const at = nextCronRunAt(new Date(run.finishedAt ?? run.startedAt));
  return (
    <p className="text-sm text-slate-700" role="status">
      Paused: continues at the next cron run, at <time dateTime={at.toISOString()}>{formatHourMinuteUtc(at)}</time>.
      Sync now continues it sooner.
    </p>
  );
}
