"use client";
import { useState } from "react";
import { describePhase } from "./describe-run-stop";
import { estimateTimeLeftMs, formatTimeLeft, type ProgressSample } from "./estimate-time-left";
import { formatCount } from "@/components/ui/format-count";
import type { LiveRun } from "@/lib/contracts/live-run-response";

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div>
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="text-lg font-semibold text-slate-900 tabular-nums">{formatCount(value)}</dd>
    </div>
  );
}

/** This run's own counts; shown under the progress bar and on its own once the run has ended. */
export function RunCounts({ run }: { run: LiveRun }) {
  return (
    <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
      <Stat label="Contacts upserted" value={run.upserted} />
      <Stat label="Skipped (unchanged)" value={run.unchanged} />
      <Stat label="Failed" value={run.failed} />
      <Stat label="Not sendable (email)" value={run.invalid} />
    </dl>
  );
}

/**
 * A RUNNING run's progress bar with processed / total, counts and an estimate of the time left.
 * Runs that ended show RunCounts and, when they stopped early, RunStopNotice instead: a bar next to
 * a Failed badge would suggest work still going on.
 */
export function SyncProgress({ run, observedAtMs }: { run: LiveRun; observedAtMs: number }) {
  // The first sample this page saw of this run (reset when another run shows up): the ETA is the rate observed since.
  const [first, setFirst] = useState<{ runId: number; sample: ProgressSample } | null>(null);
  const latest = { atMs: observedAtMs, processed: run.processed };
  if (first?.runId !== run.runId) setFirst({ runId: run.runId, sample: latest });
  const timeLeft = estimateTimeLeftMs(first?.runId === run.runId ? first.sample : null, latest, run.total);
  const isKnown = run.total > 0;
  const percent = run.percent ?? 0;

  return (
    <div className="space-y-4">
      <div>
        <div className="mb-1.5 flex flex-wrap justify-between gap-2 text-sm">
          <span className="font-medium text-slate-800">
            {isKnown
              ? `${formatCount(run.processed)} of ${formatCount(run.total)} learners processed`
              : `Preparing: ${describePhase(run.phase)}…`}
          </span>
          <span className="text-slate-600 tabular-nums">
            {isKnown ? `${percent}% · ${formatTimeLeft(timeLeft)}` : null}
          </span>
        </div>
        <div
          role="progressbar"
          aria-label="Sync progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={isKnown ? percent : undefined}
          aria-valuetext={
            isKnown
              ? `${formatCount(run.processed)} of ${formatCount(run.total)} learners`
              : `Preparing: ${describePhase(run.phase)}`
          }
          className="h-3 w-full overflow-hidden rounded-full bg-slate-100"
        >
          <div
            className="h-full rounded-full bg-brand-600 transition-[width] duration-500"
            style={{ width: `${isKnown ? percent : 5}%` }}
          />
        </div>
      </div>
      <RunCounts run={run} />
    </div>
  );
}
