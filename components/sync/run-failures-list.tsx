import Link from "next/link";
import { IssueTable } from "./issue-table";
import type { LiveRun } from "@/lib/contracts/live-run-response";

/** The first failed rows of a finished run; the run's page has all of them with their payloads. */
export function RunFailuresList({ run }: { run: LiveRun }) {
  if (run.failureTotal === 0) return <p className="text-sm text-slate-600">No failed or flagged rows.</p>;
  return (
    <div className="space-y-2">
      <h3 className="text-sm font-semibold text-slate-900">
        Failed and flagged rows (
        {run.failureTotal > run.failures.length
          ? `first ${run.failures.length} of ${run.failureTotal}`
          : run.failureTotal}
        )
      </h3>
      <IssueTable
        caption={`Failed and flagged rows of run #${run.runId}`}
        rows={run.failures.map((failure) => ({ ...failure, key: failure.id }))}
      />
      <Link href={`/sync/runs/${run.runId}`} className="text-sm font-medium text-brand-700 underline">
        See every flagged row and the payloads sent
      </Link>
    </div>
  );
}
