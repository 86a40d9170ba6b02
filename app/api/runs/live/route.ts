import { jsonNoStore as json, withStaffRoute } from "@/lib/auth/staff-route";
import { getPool } from "@/lib/db/pool";
import { getRunProgress, listRunErrors, listRuns } from "@/lib/sync";
import { LIVE_RUN_FAILURES_SHOWN, type LiveRunState } from "@/components/sync/live-run-state";

export const dynamic = "force-dynamic";

/** The latest live run's progress, polled about once a second by the Sync page while it runs. */
export const GET = withStaffRoute("viewer", async () => {
  const pool = getPool();
  const latest = (await listRuns(pool, { mode: "live", pageSize: 1 })).items[0];
  const progress = latest ? await getRunProgress(pool, latest.id) : null;
  if (!latest || !progress) return json(200, { run: null } satisfies LiveRunState);

  const failures = progress.status === "running" ? null : await listRunErrors(pool, latest.id, { pageSize: LIVE_RUN_FAILURES_SHOWN });
  const body: LiveRunState = {
    run: {
      runId: progress.runId,
      status: progress.status,
      phase: progress.phase,
      trigger: latest.trigger,
      startedByLabel: latest.startedByLabel,
      processed: progress.processed,
      total: progress.total,
      percent: progress.percent,
      upserted: progress.upserted,
      unchanged: progress.unchanged,
      invalid: progress.invalid,
      failed: progress.failed,
      startedAt: progress.startedAt.toISOString(),
      finishedAt: progress.finishedAt?.toISOString() ?? null,
      isStale: progress.isStale,
      isResumable: progress.isResumable,
      message: progress.message,
      failures: (failures?.items ?? []).map((item) => ({ id: item.id, email: item.email, level: item.level, kind: item.kind, message: item.message })),
      failureTotal: failures?.total ?? 0,
    },
  };
  return json(200, body);
});
