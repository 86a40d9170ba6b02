"use client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { LevelTablesCard } from "./level-tables-card";
import { StatusCards } from "./status-cards";
import { HEALTH_POLL_MS, useHealthReport } from "./use-health-report";

/** Live status from GET /api/health, refreshed every 30 seconds while the tab is visible. */
export function HealthOverview() {
  const { data: report, isPending, isError, error, refetch, isFetching } = useHealthReport();

  if (isPending) {
    return (
      <div aria-busy="true">
        <p className="sr-only" role="status">
          Loading status…
        </p>
        <div className="grid gap-4 md:grid-cols-3">
          <Skeleton className="h-24" />
          <Skeleton className="h-24" />
          <Skeleton className="h-24" />
        </div>
        <Skeleton className="mt-6 h-64" />
      </div>
    );
  }

  if (isError) {
    return (
      <Alert tone="error" title="Could not load the status">
        <p>{error.message}</p>
        <Button variant="secondary" size="sm" className="mt-3" isPending={isFetching} onClick={() => void refetch()}>
          Try again
        </Button>
      </Alert>
    );
  }

  return (
    <div className="flex flex-col gap-6">
      {report.status === "degraded" ? (
        <Alert tone="warning" title="Something needs attention">
          One of the checks below failed. The dashboard keeps checking every {HEALTH_POLL_MS / 1000} seconds.
        </Alert>
      ) : null}
      <StatusCards report={report} />
      <LevelTablesCard report={report} />
      <p className="text-xs text-slate-500">
        Checked at <time dateTime={report.checkedAt}>{new Date(report.checkedAt).toLocaleTimeString()}</time>; refreshes every{" "}
        {HEALTH_POLL_MS / 1000} seconds.
      </p>
    </div>
  );
}
