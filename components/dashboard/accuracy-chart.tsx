"use client";
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { LevelKpi } from "@/lib/contracts/kpis-response";
import { ChartCard } from "./chart-card";
import { levelLabel } from "@/lib/contracts/levels-order";
import { formatAccuracy } from "./format-kpi";
import { useChartPalette } from "./use-chart-palette";

export function AccuracyChart({ levels }: { levels: LevelKpi[] }) {
  const palette = useChartPalette();
  const data = levels.map((level) => ({ level: levelLabel(level.level), accuracy: level.avgAccuracy }));
  const summary = `Bars of average accuracy per level: ${data.map((row) => `${row.level} ${formatAccuracy(row.accuracy)}`).join("; ")}.`;
  return (
    <ChartCard
      title="Average accuracy"
      description="Mean of the learners' accuracy over their completed units, in percent."
      summary={summary}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 20, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={palette.grid} />
          <XAxis dataKey="level" tickLine={false} tick={{ fill: palette.text }} />
          <YAxis
            tick={{ fill: palette.text }}
            domain={[0, 100]}
            ticks={[0, 25, 50, 75, 100]}
            tickFormatter={(value: number) => `${value}%`}
            width={56}
          />
          <Tooltip
            cursor={{ fill: palette.cursor }}
            contentStyle={{ background: palette.tooltipBackground, borderColor: palette.grid }}
            formatter={(value) => formatAccuracy(typeof value === "number" ? value : null)}
          />
          <Bar
            isAnimationActive={false}
            dataKey="accuracy"
            name="Average accuracy"
            fill={palette.primary}
            radius={[4, 4, 0, 0]}
          >
            <LabelList
              dataKey="accuracy"
              position="top"
              className="fill-slate-600 text-xs"
              formatter={(value) => (typeof value === "number" ? `${value.toFixed(1)}%` : "")}
            />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
