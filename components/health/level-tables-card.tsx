import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import type { HealthReport } from "@/lib/health/health-report";

export function LevelTablesCard({ report }: { report: HealthReport }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Rows per level</CardTitle>
        <CardDescription>Every table named like a1_progress in the source schema counts as a level.</CardDescription>
      </CardHeader>
      <LevelTablesBody report={report} />
    </Card>
  );
}

function LevelTablesBody({ report }: { report: HealthReport }) {
  if (!report.database.ok) {
    return <EmptyState title="Unavailable">The level tables cannot be listed while the database is unreachable.</EmptyState>;
  }
  if (report.levelsError) {
    return <EmptyState title="Could not list the level tables">Error: {report.levelsError}</EmptyState>;
  }
  if (report.levels.length === 0) {
    return (
      <EmptyState title="No level tables found">
        Create a table such as <code className="font-mono">a1_progress</code> in the source schema and it shows up here.
      </EmptyState>
    );
  }
  return (
    <Table caption="Level tables and their row counts">
      <TableHead>
        <tr>
          <TableHeaderCell>Level</TableHeaderCell>
          <TableHeaderCell>Table</TableHeaderCell>
          <TableHeaderCell className="text-right">Rows</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {report.levels.map((level) => (
          <TableRow key={level.table}>
            <TableCell className="font-medium">{level.level.toUpperCase()}</TableCell>
            <TableCell className="font-mono text-xs text-slate-600">{level.table}</TableCell>
            <TableCell className="text-right tabular-nums">
              {level.estimated ? <span title="Estimate from table statistics">≈ </span> : null}
              {level.rows.toLocaleString("en-US")}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
