import { DateTime } from "@/components/ui/date-time";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import type { RunSummary } from "./list-recent-runs";
import { RunStatusBadge } from "./run-status-badge";

const TRIGGER_LABELS: Record<RunSummary["trigger"], string> = { ui: "Dashboard", cli: "CLI", cron: "Cron", bench: "Benchmark" };

function formatDuration(run: RunSummary): string {
  if (!run.finished_at) return "—";
  const seconds = Math.max(0, Math.round((run.finished_at.getTime() - run.started_at.getTime()) / 1000));
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

const count = (value: number) => value.toLocaleString("en-US");

export function RunsTable({ runs }: { runs: RunSummary[] }) {
  return (
    <Table caption="Recent sync runs, newest first">
      <TableHead>
        <tr>
          <TableHeaderCell>Run</TableHeaderCell>
          <TableHeaderCell>Started</TableHeaderCell>
          <TableHeaderCell>Mode</TableHeaderCell>
          <TableHeaderCell>Trigger</TableHeaderCell>
          <TableHeaderCell>Levels</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell className="text-right">Processed</TableHeaderCell>
          <TableHeaderCell className="text-right">Upserted</TableHeaderCell>
          <TableHeaderCell className="text-right">Unchanged</TableHeaderCell>
          <TableHeaderCell className="text-right">Failed</TableHeaderCell>
          <TableHeaderCell>Duration</TableHeaderCell>
          <TableHeaderCell>Started by</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {runs.map((run) => (
          <TableRow key={run.id}>
            <TableCell className="font-medium tabular-nums">#{run.id}</TableCell>
            <TableCell className="whitespace-nowrap">
              <DateTime value={run.started_at} />
            </TableCell>
            <TableCell className="whitespace-nowrap">
              {run.mode === "live" ? "Live" : "Dry run"}
              {run.is_full ? " · full" : ""}
            </TableCell>
            <TableCell>{TRIGGER_LABELS[run.trigger]}</TableCell>
            <TableCell className="font-mono text-xs">{run.levels.length > 0 ? run.levels.join(", ") : "—"}</TableCell>
            <TableCell>
              <RunStatusBadge status={run.status} />
            </TableCell>
            <TableCell className="text-right tabular-nums">{count(run.processed)}</TableCell>
            <TableCell className="text-right tabular-nums">{count(run.upserted)}</TableCell>
            <TableCell className="text-right tabular-nums">{count(run.unchanged)}</TableCell>
            <TableCell className="text-right tabular-nums">{count(run.failed + run.invalid)}</TableCell>
            <TableCell className="whitespace-nowrap tabular-nums">{formatDuration(run)}</TableCell>
            <TableCell className="max-w-48 truncate" title={run.started_by_label}>
              {run.started_by_label}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
