"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { LevelKpi } from "@/lib/db/kpis/kpi-report";
import { ChartCard } from "./chart-card";
import { formatCount, levelLabel } from "./format-kpi";

export function StatusChart({ levels }: { levels: LevelKpi[] }) {
  const data = levels.map((level) => ({ level: levelLabel(level.level), completed: level.completed, inProgress: level.inProgress }));
  const summary = `Stacked bars of learners per level: ${data.map((row) => `${row.level} ${row.completed} completed, ${row.inProgress} in progress`).join("; ")}.`;
  return (
    <ChartCard title="Status per level" description="Learners who completed each level and who are still in it." summary={summary}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="level" tickLine={false} />
          <YAxis allowDecimals={false} tickFormatter={formatCount} width={56} />
          <Tooltip cursor={{ fill: "#f1f5f9" }} />
          <Legend />
          <Bar isAnimationActive={false} dataKey="completed" name="Completed" stackId="status" fill="#059669" />
          <Bar isAnimationActive={false} dataKey="inProgress" name="In progress" stackId="status" fill="#818cf8" radius={[4, 4, 0, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
