"use client";
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { LevelKpi } from "@/lib/db/kpis/kpi-report";
import { ChartCard } from "./chart-card";
import { formatAccuracy, levelLabel } from "./format-kpi";

export function AccuracyChart({ levels }: { levels: LevelKpi[] }) {
  const data = levels.map((level) => ({ level: levelLabel(level.level), accuracy: level.avgAccuracy }));
  const summary = `Bars of average accuracy per level: ${data.map((row) => `${row.level} ${formatAccuracy(row.accuracy)}`).join("; ")}.`;
  return (
    <ChartCard title="Average accuracy" description="Mean of the learners' accuracy over their completed units, in percent." summary={summary}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 20, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="level" tickLine={false} />
          <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tickFormatter={(value: number) => `${value}%`} width={56} />
          <Tooltip cursor={{ fill: "#f1f5f9" }} formatter={(value) => formatAccuracy(typeof value === "number" ? value : null)} />
          <Bar isAnimationActive={false} dataKey="accuracy" name="Average accuracy" fill="#4f46e5" radius={[4, 4, 0, 0]}>
            <LabelList dataKey="accuracy" position="top" className="fill-slate-600 text-xs" formatter={(value) => (typeof value === "number" ? `${value.toFixed(1)}%` : "")} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
