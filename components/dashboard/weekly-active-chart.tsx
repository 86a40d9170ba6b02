"use client";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import type { KpiReport } from "@/lib/db/kpis/kpi-report";
import { ChartCard, levelColor } from "./chart-card";
import { formatCount, formatWeek, levelLabel } from "./format-kpi";

/** One line per level; the same numbers follow in a table only screen readers get. */
export function WeeklyActiveChart({ kpis }: { kpis: KpiReport }) {
  const data = kpis.weeks.map((week, index) => ({
    week: formatWeek(week),
    ...Object.fromEntries(kpis.weeklyActive.map((series) => [levelLabel(series.level), series.learners[index] ?? 0])),
  }));
  return (
    <ChartCard
      title="Weekly active learners"
      description="Distinct learners with progress or a milestone per ISO week (Monday to Sunday, UTC), the last 12 complete weeks."
      summary="Lines of weekly active learners per level over the last 12 complete weeks; the numbers are in the table that follows."
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="week" tickLine={false} interval="preserveStartEnd" minTickGap={16} />
          <YAxis allowDecimals={false} tickFormatter={formatCount} width={56} />
          <Tooltip />
          <Legend />
          {kpis.weeklyActive.map((series, index) => (
            <Line isAnimationActive={false} key={series.level} dataKey={levelLabel(series.level)} stroke={levelColor(index)} strokeWidth={2} dot={false} type="monotone" />
          ))}
        </LineChart>
      </ResponsiveContainer>
      <Table className="sr-only" caption="Weekly active learners per level, week starting">
        <TableHead>
          <tr>
            <TableHeaderCell>Week</TableHeaderCell>
            {kpis.weeklyActive.map((series) => (
              <TableHeaderCell key={series.level}>{levelLabel(series.level)}</TableHeaderCell>
            ))}
          </tr>
        </TableHead>
        <TableBody>
          {kpis.weeks.map((week, index) => (
            <TableRow key={week}>
              <TableHeaderCell scope="row">{week}</TableHeaderCell>
              {kpis.weeklyActive.map((series) => (
                <TableCell key={series.level}>{series.learners[index] ?? 0}</TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ChartCard>
  );
}
