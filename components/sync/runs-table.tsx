import Link from "next/link";
import { DateTime } from "@/components/ui/date-time";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import type { RunRecord } from "@/lib/sync";
import { formatCount } from "@/components/ui/format-count";
import { TRIGGER_LABELS } from "@/lib/contracts/runs";
import { runDuration } from "./format";
import { RunStatusBadge } from "./run-status-badge";

export function RunsTable({ runs }: { runs: RunRecord[] }) {
  return (
    <Table caption="Sync runs, newest first" hasStickyFirstColumn>
      <TableHead>
        <tr>
          <TableHeaderCell>Run</TableHeaderCell>
          <TableHeaderCell>Started · duration</TableHeaderCell>
          <TableHeaderCell>Mode · trigger</TableHeaderCell>
          <TableHeaderCell>Started by</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell className="text-right">Processed</TableHeaderCell>
          <TableHeaderCell className="text-right">Upserted</TableHeaderCell>
          <TableHeaderCell className="text-right">Unchanged</TableHeaderCell>
          <TableHeaderCell className="text-right">Failed</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {runs.map((run) => (
          <TableRow key={run.id}>
            <TableCell className="font-medium tabular-nums">
              <Link
                href={`/sync/runs/${run.id}`}
                className="text-brand-700 underline"
                aria-label={`Run ${run.id} details`}
              >
                #{run.id}
              </Link>
            </TableCell>
            <TableCell className="whitespace-nowrap">
              <DateTime value={run.startedAt} />
              <span className="block text-xs text-slate-500">
                {run.finishedAt ? `took ${runDuration(run.startedAt, run.finishedAt)}` : "not finished"}
              </span>
            </TableCell>
            <TableCell className="whitespace-nowrap">
              {run.mode === "live" ? "Live" : "Dry run"}
              {run.isFull ? " · full" : ""}
              <span className="block text-xs text-slate-500">{TRIGGER_LABELS[run.trigger]}</span>
            </TableCell>
            <TableCell className="max-w-40 truncate" title={run.startedByLabel}>
              {run.startedByLabel}
            </TableCell>
            <TableCell>
              <RunStatusBadge status={run.status} />
            </TableCell>
            <TableCell className="text-right tabular-nums">{formatCount(run.processed)}</TableCell>
            <TableCell className="text-right tabular-nums">{formatCount(run.upserted)}</TableCell>
            <TableCell className="text-right tabular-nums">{formatCount(run.unchanged)}</TableCell>
            <TableCell className="text-right whitespace-nowrap tabular-nums">
              {formatCount(run.failed)}
              <span className="block text-xs text-slate-500">{formatCount(run.invalid)} not sendable</span>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
