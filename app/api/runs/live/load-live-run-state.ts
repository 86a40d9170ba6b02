/**
 * The body of GET /api/runs/live, apart from the route so its cost can be measured in tests: the
 * page polls it about once a second, so it must cost the same after 1 run and after 10,000.
 */
import type { Queryable } from "@/lib/db/queryable";
import { getLatestLiveRun, getRunProgress, listRunErrors } from "@/lib/sync";
import { LIVE_RUN_FAILURES_SHOWN, type LiveRunState } from "@/lib/contracts/live-run-response";

export async function loadLiveRunState(db: Queryable): Promise<LiveRunState> {
  const latest = await getLatestLiveRun(db);
  const progress = latest ? await getRunProgress(db, latest.id) : null;
  if (!latest || !progress) return { run: null };

  const failures =
    progress.status === "running" ? null : await listRunErrors(db, latest.id, { pageSize: LIVE_RUN_FAILURES_SHOWN });
  return {
    run: {
      runId: progress.runId,
      status: progress.status,
      phase: progress.phase,
      stoppedPhase: progress.stoppedPhase,
      quotaPause: progress.quotaPause
        ? { resumeAfter: progress.quotaPause.resumeAfter.toISOString(), timeZone: progress.quotaPause.timeZone }
        : null,
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
      failures: (failures?.items ?? []).map((item) => ({
        id: item.id,
        email: item.email,
        level: item.level,
        kind: item.kind,
        message: item.message,
      })),
      failureTotal: failures?.total ?? 0,
    },
  };
}
