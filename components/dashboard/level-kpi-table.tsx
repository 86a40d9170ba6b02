import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DownloadLink } from "@/components/ui/download-link";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import type { LevelKpi } from "@/lib/contracts/kpis-response";
import { formatCount } from "@/components/ui/format-count";
import { levelLabel } from "@/lib/contracts/levels-order";
import { formatAccuracy, formatHours, formatRate, formatUnits } from "./format-kpi";

const NUMBER_CELL = "text-right tabular-nums";

/** Every KPI per level; also the accessible version of the status, accuracy and funnel charts. */
export function LevelKpiTable({ levels }: { levels: LevelKpi[] }) {
  return (
    <Card>
      <CardHeader className="sm:flex-row sm:items-start sm:justify-between sm:gap-4">
        <div className="space-y-1">
          <CardTitle>Per level</CardTitle>
          <CardDescription>
            Started = in progress or completed. Completed by the completion milestone or by reaching the level&apos;s
            unit total. Active = any progress or milestone in the last 7 or 30 days.
          </CardDescription>
        </div>
        <DownloadLink href="/api/export/levels" what="the KPIs per level" className="shrink-0" />
      </CardHeader>
      <Table caption="KPIs per level" hasStickyFirstColumn>
        <TableHead>
          <tr>
            <TableHeaderCell>Level</TableHeaderCell>
            <TableHeaderCell className="text-right">Started</TableHeaderCell>
            <TableHeaderCell className="text-right">In progress</TableHeaderCell>
            <TableHeaderCell className="text-right">Completed</TableHeaderCell>
            <TableHeaderCell className="text-right">Completion rate</TableHeaderCell>
            <TableHeaderCell className="text-right">Avg units</TableHeaderCell>
            <TableHeaderCell className="text-right">Avg accuracy</TableHeaderCell>
            <TableHeaderCell className="text-right">Study time</TableHeaderCell>
            <TableHeaderCell className="text-right">Active 7 d</TableHeaderCell>
            <TableHeaderCell className="text-right">Active 30 d</TableHeaderCell>
          </tr>
        </TableHead>
        <TableBody>
          {levels.map((level) => (
            <TableRow key={level.level}>
              <TableHeaderCell scope="row" className="text-slate-900">
                {levelLabel(level.level)}
              </TableHeaderCell>
              <TableCell className={NUMBER_CELL}>{formatCount(level.started)}</TableCell>
              <TableCell className={NUMBER_CELL}>{formatCount(level.inProgress)}</TableCell>
              <TableCell className={NUMBER_CELL}>{formatCount(level.completed)}</TableCell>
              <TableCell className={NUMBER_CELL}>{formatRate(level.completionRate)}</TableCell>
              <TableCell className={NUMBER_CELL}>
                {formatUnits(level.avgUnitsCompleted)}
                {level.unitTotal !== null ? <span className="text-slate-500"> / {level.unitTotal}</span> : null}
              </TableCell>
              <TableCell className={NUMBER_CELL}>{formatAccuracy(level.avgAccuracy)}</TableCell>
              <TableCell className={NUMBER_CELL}>{formatHours(level.studyHours)}</TableCell>
              <TableCell className={NUMBER_CELL}>{formatCount(level.active7d)}</TableCell>
              <TableCell className={NUMBER_CELL}>{formatCount(level.active30d)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Card>
  );
}
