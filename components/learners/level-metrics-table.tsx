import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { levelLabel } from "@/lib/contracts/levels-order";
import type { LevelMetricsNow } from "@/lib/learners/load-learner-detail";

const STATUS: Record<LevelMetricsNow["status"], { label: string; tone: BadgeTone }> = {
  not_started: { label: "Not started", tone: "neutral" },
  in_progress: { label: "In progress", tone: "brand" },
  completed: { label: "Completed", tone: "success" },
};

/** Dates of activity are days in UTC, as HubSpot's date properties hold them. */
const formatDay = (date: Date | null) => (date === null ? "—" : date.toISOString().slice(0, 10));

export function LevelMetricsTable({ levels }: { levels: LevelMetricsNow[] }) {
  return (
    <Table caption="Per-level metrics computed now" hasStickyFirstColumn>
      <TableHead>
        <tr>
          <TableHeaderCell>Level</TableHeaderCell>
          <TableHeaderCell className="text-right">Units completed</TableHeaderCell>
          <TableHeaderCell className="text-right">Accuracy</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell className="text-right">Study time</TableHeaderCell>
          <TableHeaderCell>Last activity</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {levels.map((level) => (
          <TableRow key={level.level}>
            <TableHeaderCell scope="row" className="py-3 font-mono text-xs">
              {levelLabel(level.level)}
            </TableHeaderCell>
            <TableCell className="text-right tabular-nums">{level.unitsCompleted}</TableCell>
            <TableCell className="text-right tabular-nums">
              {level.accuracy === null ? "—" : `${Number(level.accuracy)} %`}
            </TableCell>
            <TableCell>
              <Badge tone={STATUS[level.status].tone}>{STATUS[level.status].label}</Badge>
            </TableCell>
            <TableCell className="text-right tabular-nums whitespace-nowrap">
              {Math.round(level.studySeconds / 60)} min
            </TableCell>
            <TableCell className="tabular-nums whitespace-nowrap">{formatDay(level.lastActivityAt)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
