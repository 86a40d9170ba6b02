import Link from "next/link";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { IssueKindBadge } from "./issue-kind-badge";
import type { LiveRun } from "./live-run-state";

/** The first failed rows of a finished run; the run's page has all of them with their payloads. */
export function RunFailuresList({ run }: { run: LiveRun }) {
  if (run.failureTotal === 0) return <p className="text-sm text-slate-600">No failed or flagged rows.</p>;
  return (
    <div className="space-y-2">
      <h3 className="text-sm font-semibold text-slate-900">
        Failed and flagged rows ({run.failureTotal > run.failures.length ? `first ${run.failures.length} of ${run.failureTotal}` : run.failureTotal})
      </h3>
      <div className="rounded-md border border-slate-200">
        <Table caption={`Failed and flagged rows of run #${run.runId}`}>
          <TableHead>
            <tr>
              <TableHeaderCell>Email</TableHeaderCell>
              <TableHeaderCell>Kind</TableHeaderCell>
              <TableHeaderCell>Message</TableHeaderCell>
            </tr>
          </TableHead>
          <TableBody>
            {run.failures.map((failure) => (
              <TableRow key={failure.id}>
                <TableCell className="max-w-56 truncate font-mono text-xs" title={failure.email ?? undefined}>
                  {failure.email ?? "—"}
                </TableCell>
                <TableCell>
                  <IssueKindBadge kind={failure.kind} />
                </TableCell>
                <TableCell className="text-slate-700">{failure.message}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <Link href={`/sync/runs/${run.runId}`} className="text-sm font-medium text-brand-700 underline">
        See every flagged row and the payloads sent
      </Link>
    </div>
  );
}
