/**
 * Final status updates of a run row. Each is fenced by the run's lease (run-lease.ts): it only
 * lands while the run is `running` AND still held by this process's token. `stopped_phase` keeps the
 * phase the run ended in (SET reads the old row, so `stopped_phase = phase` is the phase before 'done').
 */
import type { Queryable } from "@/lib/db/queryable";
import type { RunStopReason } from "@/lib/contracts/runs";
import { addUsage, type CallStats, type UsageDay } from "./commit-settled";
import type { RunStatus } from "./run-row";
import { SyncRunLostError } from "../sync-errors";

/** How the invocation ended: why, the calls since the last commit for the day's usage, and a quota pause's resume time. */
export interface RunClose {
  stopReason: RunStopReason;
  usage: UsageDay | null;
  /** Daily quota pauses only: no live run starts before this instant (docs/ARCHITECTURE.md, "Daily quota"). */
  resumeAfter?: Date | null;
  resumeTimeZone?: string | null;
}

export async function closeRun(
  db: Queryable,
  runId: number,
  status: Exclude<RunStatus, "running">,
  message: string,
  stats: CallStats,
  leaseToken: string,
  close?: RunClose,
): Promise<void> {
  const updated = await db.query(
    `with live as (
       select id from crm_sync.runs where id = $1 and status = 'running' and lease_token = $8::uuid
     ), usage as (
       ${addUsage({ runId: "$1", calls: "$5", day: "$9", timeZone: "$10" })}
     )
     update crm_sync.runs set status = $2, message = concat_ws(' ', message, $3::text), stopped_phase = phase, phase = 'done',
       finished_at = now(), heartbeat_at = now(), write_calls = $4, api_calls = $5, rate_limited = $6, retries = $7,
       stop_reason = $11, resume_after = $12, resume_time_zone = $13
     where id = (select id from live)`,
    [
      runId,
      status,
      message,
      stats.writeCalls,
      stats.apiCalls,
      stats.rateLimited,
      stats.retries,
      leaseToken,
      close?.usage?.day ?? null,
      close?.usage?.timeZone ?? null,
      close?.stopReason ?? null,
      close?.resumeAfter ?? null,
      close?.resumeTimeZone ?? null,
    ],
  );
  if (updated.rowCount !== 1) throw new SyncRunLostError(runId);
}

/** Also used after a lost connection: may itself fail, which the caller reports. */
export async function markRunFailed(db: Queryable, runId: number, message: string, leaseToken: string): Promise<void> {
  await db.query(
    `update crm_sync.runs set status = 'failed', message = concat_ws(' ', message, $2::text), stopped_phase = phase, phase = 'done',
       finished_at = now()
     where id = $1 and status = 'running' and lease_token = $3::uuid`,
    [runId, message, leaseToken],
  );
}

/** Phase changes before the first batch (planning → properties → syncing) double as heartbeats. */
export async function setRunPhase(
  db: Queryable,
  runId: number,
  phase: string,
  leaseToken: string,
  totalLearners?: number,
): Promise<void> {
  const updated = await db.query(
    `update crm_sync.runs set phase = $2, total_learners = coalesce($3, total_learners), heartbeat_at = now()
     where id = $1 and status = 'running' and lease_token = $4::uuid`,
    [runId, phase, totalLearners ?? null, leaseToken],
  );
  if (updated.rowCount !== 1) throw new SyncRunLostError(runId);
}
