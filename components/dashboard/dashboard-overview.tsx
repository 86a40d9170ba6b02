"use client";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { AccuracyChart } from "./accuracy-chart";
import { DashboardSkeleton } from "./dashboard-skeleton";
import { levelLabel } from "@/lib/contracts/levels-order";
import { FunnelChart } from "./funnel-chart";
import { KpiCards } from "./kpi-cards";
import { LevelKpiTable } from "./level-kpi-table";
import { StatusChart } from "./status-chart";
import { SyncHealthCard } from "./sync-health-card";
import { SystemStatusCard } from "./system-status-card";
import { KPI_POLL_MS, useDashboardKpis } from "./use-dashboard-kpis";
import { WeeklyActiveChart } from "./weekly-active-chart";

/**
 * KPIs per level, charts, sync health and the connection checks. The connection checks load on
 * their own, so they still explain things when the KPIs cannot be computed (database down).
 */
export function DashboardOverview() {
  const query = useDashboardKpis();
  return (
    <div className="flex flex-col gap-6">
      <KpiSection />
      <div className="grid gap-6 lg:grid-cols-2">
        {query.data ? (
          <SyncHealthCard health={query.data.syncHealth} />
        ) : query.isPending ? (
          <Skeleton className="h-72" />
        ) : null}
        <SystemStatusCard />
      </div>
      {query.data ? (
        <p className="text-xs text-slate-500">
          KPIs computed at{" "}
          <time dateTime={query.data.kpis.generatedAt}>
            {new Date(query.data.kpis.generatedAt).toLocaleTimeString()}
          </time>{" "}
          in {query.data.durationMs} ms; they refresh every {KPI_POLL_MS / 1000} seconds.
        </p>
      ) : null}
    </div>
  );
}

/** pending → error → empty → data. */
function KpiSection() {
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

  const { kpis } = data;
  if (kpis.levels.length === 0) {
    return (
      <Card>
        <EmptyState title="No enabled levels">
          Enable a level with a compatible <code className="font-mono">{"{level}"}_progress</code> table in{" "}
          <Link href="/settings" className="font-medium text-brand-700 underline">
            Settings
          </Link>
          .
        </EmptyState>
      </Card>
    );
  }
  if (kpis.totals.activeLearners === 0) {
    return (
      <Card>
        <EmptyState title="No learner progress yet">
          The KPIs appear once learners have progress or milestone rows in an enabled level.
        </EmptyState>
      </Card>
    );
  }

  return (
    <>
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
    </>
  );
}
