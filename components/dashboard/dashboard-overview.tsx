"use client";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { AccuracyChart } from "./accuracy-chart";
import { DashboardSkeleton } from "./dashboard-skeleton";
import { levelLabel } from "./format-kpi";
import { FunnelChart } from "./funnel-chart";
import { KpiCards } from "./kpi-cards";
import { LevelKpiTable } from "./level-kpi-table";
import { StatusChart } from "./status-chart";
import { SyncHealthCard } from "./sync-health-card";
import { SystemStatusCard } from "./system-status-card";
import { KPI_POLL_MS, useDashboardKpis } from "./use-dashboard-kpis";
import { WeeklyActiveChart } from "./weekly-active-chart";

/** KPIs per level, charts and sync health; pending → error → empty → data. */
export function DashboardOverview() {
  const { data, isPending, isError, error, refetch, isFetching } = useDashboardKpis();

  if (isPending) return <DashboardSkeleton />;

  if (isError) {
    return (
      <Alert tone="error" title="Could not load the KPIs">
        <p>{error.message}</p>
        <Button variant="secondary" size="sm" className="mt-3" isPending={isFetching} onClick={() => void refetch()}>
          Try again
        </Button>
      </Alert>
    );
  }

  const { kpis, syncHealth } = data;
  const status = (
    <div className="grid gap-6 lg:grid-cols-2">
      <SyncHealthCard health={syncHealth} />
      <SystemStatusCard />
    </div>
  );

  if (kpis.levels.length === 0 || kpis.totals.activeLearners === 0) {
    return (
      <div className="flex flex-col gap-6">
        <Card>
          <EmptyState title={kpis.levels.length === 0 ? "No enabled levels" : "No learner progress yet"}>
            {kpis.levels.length === 0 ? (
              <>
                Enable a level with a compatible <code className="font-mono">{"{level}"}_progress</code> table in{" "}
                <Link href="/settings" className="font-medium text-brand-700 underline">
                  Settings
                </Link>
                .
              </>
            ) : (
              "The KPIs appear once learners have progress or milestone rows in an enabled level."
            )}
          </EmptyState>
        </Card>
        {status}
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-6">
      {kpis.unavailableLevels.length > 0 ? (
        <Alert tone="warning" title="Some enabled levels are not counted">
          {kpis.unavailableLevels.map((level) => `${levelLabel(level.level)}: ${level.reason}`).join(" · ")}
        </Alert>
      ) : null}
      <KpiCards kpis={kpis} />
      <LevelKpiTable levels={kpis.levels} />
      <section aria-labelledby="charts-heading" className="flex flex-col gap-4">
        <h2 id="charts-heading" className="text-lg font-semibold text-slate-900">
          Charts
        </h2>
        <div className="grid gap-6 lg:grid-cols-2">
          <StatusChart levels={kpis.levels} />
          <AccuracyChart levels={kpis.levels} />
          <WeeklyActiveChart kpis={kpis} />
          <FunnelChart kpis={kpis} />
        </div>
      </section>
      {status}
      <p className="text-xs text-slate-500">
        Computed at <time dateTime={kpis.generatedAt}>{new Date(kpis.generatedAt).toLocaleTimeString()}</time> in {data.durationMs} ms;
        refreshes every {KPI_POLL_MS / 1000} seconds.
      </p>
    </div>
  );
}
