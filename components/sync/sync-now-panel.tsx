"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { startSync } from "@/app/actions/start-sync";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { syncKeys } from "@/lib/query-keys";
import { AutomaticContinuationNotice } from "./automatic-continuation-notice";
import { ConfirmSyncDialog } from "./confirm-sync-dialog";
import { ContinuationNotice } from "./continuation-notice";
import { describeRunStop } from "./describe-run-stop";
import { TRIGGER_LABELS } from "@/lib/contracts/runs";
import { formatUtc } from "./format";
import { isRunActive, type LiveRun } from "@/lib/contracts/live-run-response";
import { RunFailuresList } from "./run-failures-list";
import { RunStatusBadge } from "./run-status-badge";
import { RunStopNotice } from "./run-stop-notice";
import { RunCounts, SyncProgress } from "./sync-progress";
import { useLiveRun } from "./use-live-run";

function startedBy(run: LiveRun): string {
  return run.trigger === "cron"
    ? "the cron job"
    : `${run.startedByLabel}${run.trigger === "ui" ? "" : ` (${TRIGGER_LABELS[run.trigger]})`}`;
}

function FinishedRun({ run }: { run: LiveRun }) {
  const stop = describeRunStop({
    status: run.status,
    mode: "live",
    chainProcessed: run.processed,
    total: run.total,
    upserted: run.upserted,
    resumedByRunId: null,
    batchSize: null,
    stoppedPhase: run.stoppedPhase,
    quotaPause: run.quotaPause
      ? { resumeAfter: new Date(run.quotaPause.resumeAfter), timeZone: run.quotaPause.timeZone }
      : null,
  });
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
        <RunStatusBadge status={run.status} />
        <span>
          Last live run{" "}
          <Link className="font-medium text-brand-700 underline" href={`/sync/runs/${run.runId}`}>
            #{run.runId}
          </Link>{" "}
          by {startedBy(run)},{" "}
          {run.finishedAt ? `finished ${formatUtc(run.finishedAt)}` : `started ${formatUtc(run.startedAt)}`}
        </span>
      </div>
      {stop ? (
        <RunStopNotice description={stop} message={run.message} />
      ) : run.message ? (
        <p className="text-sm text-slate-600 wrap-anywhere">{run.message}</p>
      ) : null}
      <ContinuationNotice run={run} />
      <RunCounts run={run} />
      <RunFailuresList run={run} />
    </div>
  );
}

/** "Sync now" and the latest live run: progress while it runs, its summary and failed rows after. */
export function SyncNowPanel({ canSync }: { canSync: boolean }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const liveRun = useLiveRun();
  const [isDialogOpen, setIsDialogOpen] = useState(false);
  const statusRef = useRef<HTMLDivElement>(null);
  const start = useMutation({
    mutationFn: async () => {
      const result = await startSync({});
      if (!result.ok) throw new Error(result.error.message);
      return result.data;
    },
    onSuccess: async () => {
      setIsDialogOpen(false);
      await queryClient.invalidateQueries({ queryKey: syncKeys.liveRun() });
    },
    onError: () => setIsDialogOpen(false),
  });

  const run = liveRun.data?.run ?? null;
  const isActive = isRunActive(run);
  // When a run ends, the server-rendered history below gets its final row.
  const wasActive = useRef(false);
  useEffect(() => {
    if (wasActive.current && !isActive) router.refresh();
    wasActive.current = isActive;
  }, [isActive, router]);

  return (
    <Card>
      <CardHeader className="sm:flex-row sm:items-start sm:justify-between">
        <div className="space-y-1">
          <CardTitle>Sync now</CardTitle>
          <CardDescription>
            Push every enabled level&apos;s progress to HubSpot. Unchanged learners are skipped.
          </CardDescription>
        </div>
        {canSync ? (
          <div className="flex flex-col items-start gap-1 sm:items-end">
            <Button
              onClick={() => {
                start.reset();
                setIsDialogOpen(true);
              }}
              disabled={isActive || liveRun.isPending}
              isPending={start.isPending}
            >
              Sync now
            </Button>
            {isActive && run ? (
              <p className="text-xs text-slate-600">
                Running since {formatUtc(run.startedAt)}, started by {startedBy(run)}
              </p>
            ) : null}
          </div>
        ) : null}
      </CardHeader>
      <CardContent ref={statusRef} tabIndex={-1} className="space-y-4">
        {start.isError ? (
          <Alert tone="error" title="The sync did not start">
            {start.error.message}
          </Alert>
        ) : null}
        {liveRun.isPending ? (
          <div className="space-y-3" aria-busy="true">
            <Skeleton className="h-4 w-64" />
            <Skeleton className="h-3 w-full" />
          </div>
        ) : liveRun.isError ? (
          <Alert tone="error" title="Could not load the run status">
            {liveRun.error.message}
          </Alert>
        ) : run === null ? (
          <EmptyState title="No live sync yet">
            {canSync ? "Start one with “Sync now”." : "An operator or admin can start one."}
          </EmptyState>
        ) : isActive ? (
          <div className="space-y-3">
            <p className="text-sm text-slate-700">
              Run{" "}
              <Link className="font-medium text-brand-700 underline" href={`/sync/runs/${run.runId}`}>
                #{run.runId}
              </Link>{" "}
              is running, started by {startedBy(run)} at {formatUtc(run.startedAt)}.
            </p>
            <SyncProgress run={run} observedAtMs={liveRun.dataUpdatedAt} />
            <AutomaticContinuationNotice run={run} />
          </div>
        ) : run.status === "running" ? (
          <Alert tone="warning" title={`Run #${run.runId} stopped sending heartbeats`}>
            Its process is probably gone. The next start takes it over and continues from{" "}
            {run.processed > 0 && run.total > 0
              ? `learner ${run.processed + 1} of ${run.total}`
              : "the start (no learner was committed yet)"}
            .
          </Alert>
        ) : (
          <FinishedRun run={run} />
        )}
      </CardContent>
      {canSync ? (
        <ConfirmSyncDialog
          isOpen={isDialogOpen}
          isPending={start.isPending}
          onConfirm={() => start.mutate()}
          onCancel={() => setIsDialogOpen(false)}
          fallbackFocusRef={statusRef}
        />
      ) : null}
    </Card>
  );
}
