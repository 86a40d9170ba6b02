"use client";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import type { KpiReport } from "@/lib/contracts/kpis-response";
import { ChartCard } from "./chart-card";
import { formatCount } from "@/components/ui/format-count";
import { levelLabel } from "@/lib/contracts/levels-order";
import { formatWeek } from "./format-kpi";
import { levelColor, useChartPalette } from "./use-chart-palette";

/** One line per level; the same numbers follow in a table only screen readers get. */
export function WeeklyActiveChart({ kpis }: { kpis: KpiReport }) {
  const palette = useChartPalette();
  const data = kpis.weeks.map((week, index) => ({
    week: formatWeek(week),
    ...Object.fromEntries(kpis.weeklyActive.map((series) => [levelLabel(series.level), series.learners[index] ?? 0])),
  }));
  return (
    <ChartCard
      title="Weekly active learners"
      description="Distinct learners with progress or a milestone per ISO week (Monday to Sunday, UTC), the last 12 complete weeks."
      summary="Lines of weekly active learners per level over the last 12 complete weeks; the numbers are in the table that follows."
      srOnly={
        <Table className="sr-only" isScrollRegion={false} caption="Weekly active learners per level, week starting">
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
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={palette.grid} />
          <XAxis
            tick={{ fill: palette.text }}
            dataKey="week"
            tickLine={false}
            interval="preserveStartEnd"
            minTickGap={16}
          />
          <YAxis tick={{ fill: palette.text }} allowDecimals={false} tickFormatter={formatCount} width={56} />
          <Tooltip contentStyle={{ background: palette.tooltipBackground, borderColor: palette.grid }} />
          <Legend formatter={(value: string) => <span style={{ color: palette.text }}>{value}</span>} />
          {kpis.weeklyActive.map((series, index) => (
            <Line
              isAnimationActive={false}
              key={series.level}
              dataKey={levelLabel(series.level)}
              stroke={levelColor(palette, index)}
              strokeWidth={2}
              dot={false}
              type="monotone"
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
