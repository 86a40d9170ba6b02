"use client";
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { KpiReport } from "@/lib/contracts/kpis-response";
import { ChartCard } from "./chart-card";
import { formatCount } from "@/components/ui/format-count";
import { levelLabel } from "@/lib/contracts/levels-order";
import { formatRate } from "./format-kpi";
import { useChartPalette } from "./use-chart-palette";

/** How far learners get: learners who started each level, in CEFR order, against all learners. */
export function FunnelChart({ kpis }: { kpis: KpiReport }) {
  const palette = useChartPalette();
  const total = kpis.totals.learners;
  const data = kpis.levels.map((level) => ({
    level: levelLabel(level.level),
    started: level.started,
    label: `${formatCount(level.started)} (${formatRate(total > 0 ? level.started / total : null)})`,
  }));
  const summary = `Funnel of learners who reached each level, out of ${formatCount(total)} learners: ${data.map((row) => `${row.level} ${row.label}`).join("; ")}.`;
  return (
    <ChartCard
      title="How far learners get"
      description="Learners who started each level, in CEFR order, as a share of all learners."
      summary={summary}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 0, right: 112, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke={palette.grid} />
          <XAxis tick={{ fill: palette.text }} type="number" allowDecimals={false} tickFormatter={formatCount} />
          <YAxis tick={{ fill: palette.text }} type="category" dataKey="level" width={48} tickLine={false} />
          <Tooltip
            cursor={{ fill: palette.cursor }}
            contentStyle={{ background: palette.tooltipBackground, borderColor: palette.grid }}
          />
          <Bar isAnimationActive={false} dataKey="started" name="Started" fill={palette.primary} radius={[0, 4, 4, 0]}>
            <LabelList dataKey="label" position="right" className="fill-slate-700 text-xs" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
