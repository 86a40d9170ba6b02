import { Card } from "@/components/ui/card";
import type { KpiReport } from "@/lib/contracts/kpis-response";
import { formatCount } from "@/components/ui/format-count";
import { formatHours, formatRate } from "./format-kpi";

/** The card itself is the <dl>'s group <div>: a dt/dd must not sit deeper than that. */
function KpiCard({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <Card className="flex h-full flex-col gap-1 px-5 py-4">
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="text-xl font-semibold tracking-tight text-slate-900 tabular-nums sm:text-2xl">{value}</dd>
      <dd className="text-xs text-slate-500">{hint}</dd>
    </Card>
  );
}

/** Headline numbers over all enabled levels. */
export function KpiCards({ kpis }: { kpis: KpiReport }) {
  const { totals } = kpis;
  const activeShare = totals.learners > 0 ? totals.activeLearners / totals.learners : null;
  return (
    <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
      <KpiCard
        label="Learners"
        value={formatCount(totals.learners)}
        hint="Active learner accounts (with or without an email)"
      />
      <KpiCard
        label="Learning"
        value={formatCount(totals.activeLearners)}
        hint={`${formatRate(activeShare)} have progress in a level`}
      />
      <KpiCard
        label="Level completions"
        value={formatCount(totals.completions)}
        hint={`Across ${kpis.levels.length} enabled levels`}
      />
      <KpiCard label="Study time" value={formatHours(totals.studyHours)} hint="Sum over all enabled levels" />
    </dl>
  );
}
