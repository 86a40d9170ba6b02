import type { LiveRun } from "@/lib/contracts/live-run-response";

/**
 * A run started from the dashboard is executed by its workflow (lib/workflows) in chunks, each held
 * to the time budget and continued at once by the next: it needs neither this page nor the cron.
 * (A run paused for the cron to continue shows ContinuationNotice instead.)
 */
export function AutomaticContinuationNotice({ run }: { run: LiveRun }) {
  if (run.trigger !== "ui" || run.status !== "running") return null;
  return (
    <p className="text-xs text-slate-600">
      Runs in chunks of a few minutes at most, each continued automatically by the next until the run is done; you can
      leave this page.
    </p>
  );
}
