/** crm_sync.runs rows as the engine and the dashboard read them (parsed, never cast). */
import { z } from "zod";

import {
  RUN_STATUSES,
  RUN_STOP_REASONS,
  RUN_TRIGGERS,
  type RunStatus,
  type RunStopReason,
  type RunTrigger,
} from "@/lib/contracts/runs";

export { RUN_STATUSES, type RunStatus };

/** What the run was asked to do; continuations inherit it. `levels: null` = all enabled levels. */
export const runOptionsSchema = z.object({
  levels: z.array(z.string()).nullable().default(null),
  full: z.boolean().default(false),
  limit: z.number().int().positive().nullable().default(null),
  batchSize: z.number().int().positive().optional(),
  timeBudgetMs: z.number().int().positive().nullable().default(null),
});
export type RunOptions = z.infer<typeof runOptionsSchema>;

export const RUN_COLUMNS = `id::int as id, mode, is_full, trigger, levels, started_by::text as started_by, started_by_label, status,
  total_learners, processed, upserted, unchanged, failed, invalid, warnings, api_calls, write_calls, rate_limited, retries,
  cursor_user_id::text as cursor_user_id, chain_processed, options, message, phase, stopped_phase, started_at, heartbeat_at, finished_at,
  resumed_from_run_id::int as resumed_from_run_id, resumed_by_run_id::int as resumed_by_run_id,
  stop_reason, resume_after, resume_time_zone`;

const runRowSchema = z.object({
  id: z.number().int(),
  mode: z.enum(["dry_run", "live", "verify"]),
  is_full: z.boolean(),
  trigger: z.enum(RUN_TRIGGERS),
  levels: z.array(z.string()),
  started_by: z.string().nullable(),
  started_by_label: z.string(),
  status: z.enum(RUN_STATUSES),
  total_learners: z.number().int(),
  processed: z.number().int(),
  upserted: z.number().int(),
  unchanged: z.number().int(),
  failed: z.number().int(),
  invalid: z.number().int(),
  warnings: z.number().int(),
  api_calls: z.number().int(),
  write_calls: z.number().int(),
  rate_limited: z.number().int(),
  retries: z.number().int(),
  cursor_user_id: z.string().nullable(),
  chain_processed: z.number().int(),
  options: z.unknown(),
  message: z.string().nullable(),
  phase: z.string(),
  stopped_phase: z.string().nullable(),
  started_at: z.date(),
  heartbeat_at: z.date(),
  finished_at: z.date().nullable(),
  resumed_from_run_id: z.number().int().nullable(),
  resumed_by_run_id: z.number().int().nullable(),
  stop_reason: z.enum(RUN_STOP_REASONS).nullable(),
  resume_after: z.date().nullable(),
  resume_time_zone: z.string().nullable(),
});

export interface RunRecord {
  id: number;
  /** `verify`: a read-back of HubSpot (lib/sync/verify), recorded like a run; never claimed or continued. */
  mode: "dry_run" | "live" | "verify";
  isFull: boolean;
  trigger: RunTrigger;
  levels: string[];
  startedBy: string | null;
  startedByLabel: string;
  status: RunStatus;
  /** Learners in the whole chain (this run and the runs it continues). */
  totalLearners: number;
  /** This run's own counts. */
  processed: number;
  upserted: number;
  unchanged: number;
  failed: number;
  invalid: number;
  warnings: number;
  apiCalls: number;
  writeCalls: number;
  rateLimited: number;
  retries: number;
  cursorUserId: string | null;
  /** Learners done by the chain up to the cursor. */
  chainProcessed: number;
  options: RunOptions;
  message: string | null;
  phase: string;
  /**
   * The phase the run was in when it ended (`phase` becomes "done" then): planning, properties or
   * syncing for a sync, verifying for a verify. Null while running and for runs closed before it was kept.
   */
  stoppedPhase: string | null;
  startedAt: Date;
  heartbeatAt: Date;
  finishedAt: Date | null;
  resumedFromRunId: number | null;
  resumedByRunId: number | null;
  /** Why this invocation ended (null while running, and for runs before it was recorded). */
  stopReason: RunStopReason | null;
  /** A run paused for HubSpot's daily quota: no live run starts before this (midnight in resumeTimeZone). */
  resumeAfter: Date | null;
  resumeTimeZone: string | null;
}

export function parseRunRow(raw: unknown): RunRecord {
  const row = runRowSchema.parse(raw);
  return {
    id: row.id,
    mode: row.mode,
    isFull: row.is_full,
    trigger: row.trigger,
    levels: row.levels,
    startedBy: row.started_by,
    startedByLabel: row.started_by_label,
    status: row.status,
    totalLearners: row.total_learners,
    processed: row.processed,
    upserted: row.upserted,
    unchanged: row.unchanged,
    failed: row.failed,
    invalid: row.invalid,
    warnings: row.warnings,
    apiCalls: row.api_calls,
    writeCalls: row.write_calls,
    rateLimited: row.rate_limited,
    retries: row.retries,
    cursorUserId: row.cursor_user_id,
    chainProcessed: row.chain_processed,
    options: runOptionsSchema.parse(row.options ?? {}),
    message: row.message,
    phase: row.phase,
    stoppedPhase: row.stopped_phase,
    startedAt: row.started_at,
    heartbeatAt: row.heartbeat_at,
    finishedAt: row.finished_at,
    resumedFromRunId: row.resumed_from_run_id,
    resumedByRunId: row.resumed_by_run_id,
    stopReason: row.stop_reason,
    resumeAfter: row.resume_after,
    resumeTimeZone: row.resume_time_zone,
  };
}
