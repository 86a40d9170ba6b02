"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { LevelKpi } from "@/lib/contracts/kpis-response";
import { ChartCard } from "./chart-card";
import { formatCount } from "@/components/ui/format-count";
import { levelLabel } from "@/lib/contracts/levels-order";
import { useChartPalette } from "./use-chart-palette";

export function StatusChart({ levels }: { levels: LevelKpi[] }) {
  const palette = useChartPalette();
  const data = levels.map((level) => ({
    level: levelLabel(level.level),
    completed: level.completed,
    inProgress: level.inProgress,
  }));
  const summary = `Stacked bars of learners per level: ${data.map((row) => `${row.level} ${row.completed} completed, ${row.inProgress} in progress`).join("; ")}.`;
  return (
    <ChartCard
      title="Status per level"
      description="Learners who completed each level and who are still in it."
      summary={summary}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={palette.grid} />
          <XAxis dataKey="level" tickLine={false} tick={{ fill: palette.text }} />
          <YAxis tick={{ fill: palette.text }} allowDecimals={false} tickFormatter={formatCount} width={56} />
          <Tooltip
            cursor={{ fill: palette.cursor }}
            contentStyle={{ background: palette.tooltipBackground, borderColor: palette.grid }}
          />
          <Legend formatter={(value: string) => <span style={{ color: palette.text }}>{value}</span>} />
          <Bar
            isAnimationActive={false}
            dataKey="completed"
            name="Completed"
            stackId="status"
            fill={palette.completed}
          />
          <Bar
            isAnimationActive={false}
            dataKey="inProgress"
            name="In progress"
            stackId="status"
            fill={palette.inProgress}
            radius={[4, 4, 0, 0]}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
