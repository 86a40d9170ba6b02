"use client";
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { KpiReport } from "@/lib/db/kpis/kpi-report";
import { ChartCard } from "./chart-card";
import { formatCount, formatRate, levelLabel } from "./format-kpi";

/** How far learners get: learners who started each level, in CEFR order, against all learners. */
export function FunnelChart({ kpis }: { kpis: KpiReport }) {
  const total = kpis.totals.learners;
  const data = kpis.levels.map((level) => ({
    level: levelLabel(level.level),
    started: level.started,
    label: `${formatCount(level.started)} (${formatRate(total > 0 ? level.started / total : null)})`,
  }));
  const summary = `Funnel of learners who reached each level, out of ${formatCount(total)} learners: ${data.map((row) => `${row.level} ${row.label}`).join("; ")}.`;
  return (
    <ChartCard title="How far learners get" description="Learners who started each level, in CEFR order, as a share of all learners." summary={summary}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 0, right: 112, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#e2e8f0" />
          <XAxis type="number" allowDecimals={false} tickFormatter={formatCount} />
          <YAxis type="category" dataKey="level" width={48} tickLine={false} />
          <Tooltip cursor={{ fill: "#f1f5f9" }} />
          <Bar isAnimationActive={false} dataKey="started" name="Started" fill="#4f46e5" radius={[0, 4, 4, 0]}>
            <LabelList dataKey="label" position="right" className="fill-slate-700 text-xs" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
