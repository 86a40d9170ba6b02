/** Final status updates of a run row. */
import type { Queryable } from "@/lib/db/queryable";
import type { CallStats } from "./commit-settled";
import type { RunStatus } from "./run-row";
import { SyncRunLostError } from "../sync-errors";

export async function closeRun(db: Queryable, runId: number, status: Exclude<RunStatus, "running">, message: string, stats: CallStats): Promise<void> {
  const updated = await db.query(
    `update crm_sync.runs set status = $2, message = concat_ws(' ', message, $3::text), phase = 'done',
       finished_at = now(), heartbeat_at = now(), write_calls = $4, api_calls = $5, rate_limited = $6, retries = $7
     where id = $1 and status = 'running'`,
    [runId, status, message, stats.writeCalls, stats.apiCalls, stats.rateLimited, stats.retries],
  );
  if (updated.rowCount !== 1) throw new SyncRunLostError(runId);
}

/** Also used after a lost connection: may itself fail, which the caller reports. */
export async function markRunFailed(db: Queryable, runId: number, message: string): Promise<void> {
  await db.query(
    `update crm_sync.runs set status = 'failed', message = concat_ws(' ', message, $2::text), phase = 'done', finished_at = now()
     where id = $1 and status = 'running'`,
    [runId, message],
  );
}

/** Phase changes before the first batch (planning → properties → syncing) double as heartbeats. */
export async function setRunPhase(db: Queryable, runId: number, phase: string, totalLearners?: number): Promise<void> {
  const updated = await db.query(
    `update crm_sync.runs set phase = $2, total_learners = coalesce($3, total_learners), heartbeat_at = now()
     where id = $1 and status = 'running'`,
    [runId, phase, totalLearners ?? null],
  );
  if (updated.rowCount !== 1) throw new SyncRunLostError(runId);
}
