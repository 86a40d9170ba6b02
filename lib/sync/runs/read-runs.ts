/**
 * Read models for the dashboard: run history, one run with its errors, live progress. Plain
 * queries on crm_sync.runs / run_errors, parsed with zod.
 */
import { FALLBACK_TIME_ZONE } from "@/lib/contracts/account-day";
import { z } from "zod";
import type { Queryable } from "@/lib/db/queryable";
import { RUN_COLUMNS, RUN_STATUSES, parseRunRow, type RunRecord } from "./run-row";
import { DEFAULT_STALE_AFTER_MS } from "./run-lease";

export interface RunErrorRecord {
  id: number;
  userId: string | null;
  email: string | null;
  level: string | null;
  kind: string;
  message: string;
  /** For rows HubSpot rejected: the exact input that was sent. */
  payload: unknown;
  createdAt: Date;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

const pageSchema = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(500).default(20),
});

const errorRowSchema = z.object({
  id: z.number().int(),
  user_id: z.string().nullable(),
  email: z.string().nullable(),
  level: z.string().nullable(),
  kind: z.string(),
  message: z.string(),
  payload: z.unknown(),
  created_at: z.date(),
});

/** Newest first. `mode` narrows to live runs or previews (dry runs are recorded too). */
export async function listRuns(
  db: Queryable,
  options: { page?: number; pageSize?: number; mode?: RunRecord["mode"] } = {},
): Promise<Page<RunRecord>> {
  const { page, pageSize } = pageSchema.parse({ page: options.page, pageSize: options.pageSize });
  const mode = options.mode ?? null;
  const { rows } = await db.query(
    `select ${RUN_COLUMNS}, count(*) over ()::int as total_count from crm_sync.runs
     where $3::text is null or mode = $3 order by id desc limit $1 offset $2`,
    [pageSize, (page - 1) * pageSize, mode],
  );
  const total = rows[0] ? z.number().int().parse(rows[0].total_count) : await countRuns(db, mode);
  return { items: rows.map(parseRunRow), total, page, pageSize };
}

/**
 * The newest live run, read through runs_live_latest_idx: one row whatever the history's length
 * (listRuns counts every run for its total, which the once-a-second live poll must not pay).
 */
export async function getLatestLiveRun(db: Queryable): Promise<RunRecord | null> {
  // runs.id, not id: the output column `id` is a cast (id::int), which no index can order by.
  const { rows } = await db.query(
    `select ${RUN_COLUMNS} from crm_sync.runs where mode = 'live' order by runs.id desc limit 1`,
  );
  return rows[0] ? parseRunRow(rows[0]) : null;
}

async function countRuns(db: Queryable, mode: string | null): Promise<number> {
  const { rows } = await db.query(
    "select count(*)::int as total from crm_sync.runs where $1::text is null or mode = $1",
    [mode],
  );
  return z.number().int().parse(rows[0]?.total);
}

export async function listRunErrors(
  db: Queryable,
  runId: number,
  paging: { page?: number; pageSize?: number; kind?: string } = {},
): Promise<Page<RunErrorRecord>> {
  const { page, pageSize } = pageSchema.parse({ page: paging.page, pageSize: paging.pageSize });
  const { rows } = await db.query(
    `select id::int as id, user_id::text as user_id, email, level, kind, message, payload, created_at,
            count(*) over ()::int as total_count
     from crm_sync.run_errors where run_id = $1 and ($2::text is null or kind = $2)
     order by id limit $3 offset $4`,
    [runId, paging.kind ?? null, pageSize, (page - 1) * pageSize],
  );
  const items = rows.map((raw) => {
    const row = errorRowSchema.parse(raw);
    return {
      id: row.id,
      userId: row.user_id,
      email: row.email,
      level: row.level,
      kind: row.kind,
      message: row.message,
      payload: row.payload,
      createdAt: row.created_at,
    };
  });
  return { items, total: rows[0] ? z.number().int().parse(rows[0].total_count) : 0, page, pageSize };
}

export interface RunDetail {
  run: RunRecord;
  /** First page of errors (use listRunErrors for more) and counts per kind. */
  errors: Page<RunErrorRecord>;
  errorCounts: Record<string, number>;
  /** The chain this run belongs to: runs it continues and runs that continue it, oldest first. */
  chain: { id: number; status: RunRecord["status"] }[];
}

export async function getRun(
  db: Queryable,
  runId: number,
  errorPaging: { page?: number; pageSize?: number } = {},
): Promise<RunDetail | null> {
  const { rows } = await db.query(`select ${RUN_COLUMNS} from crm_sync.runs where id = $1`, [runId]);
  if (!rows[0]) return null;
  const run = parseRunRow(rows[0]);
  const errors = await listRunErrors(db, runId, { pageSize: 100, ...errorPaging });
  const counts = await db.query(
    "select kind, count(*)::int as n from crm_sync.run_errors where run_id = $1 group by kind order by kind",
    [runId],
  );
  const chain = await db.query(
    `with recursive back as (
       select id, status, resumed_from_run_id from crm_sync.runs where id = $1
       union all select r.id, r.status, r.resumed_from_run_id from crm_sync.runs r join back b on r.id = b.resumed_from_run_id
     ), forward as (
       select id, status, resumed_by_run_id from crm_sync.runs where id = $1
       union all select r.id, r.status, r.resumed_by_run_id from crm_sync.runs r join forward f on r.id = f.resumed_by_run_id
     )
     select id::int as id, status from back union select id::int, status from forward order by id`,
    [runId],
  );
  return {
    run,
    errors,
    errorCounts: Object.fromEntries(
      counts.rows.map((row) => [z.string().parse(row.kind), z.number().int().parse(row.n)]),
    ),
    chain: chain.rows.map((row) => z.object({ id: z.number().int(), status: z.enum(RUN_STATUSES) }).parse(row)),
  };
}

/** A paused run's daily-quota wait, if that is why it paused (claim-run.ts refuses live starts until then). */
export function quotaPauseOf(run: RunRecord): { resumeAfter: Date; timeZone: string } | null {
  if (run.status !== "paused" || run.stopReason !== "daily_quota" || run.resumeAfter === null) return null;
  return { resumeAfter: run.resumeAfter, timeZone: run.resumeTimeZone ?? FALLBACK_TIME_ZONE };
}

export interface RunProgress {
  runId: number;
  mode: RunRecord["mode"];
  status: RunRecord["status"];
  phase: string;
  /** The phase the run ended in (null while running, and for runs closed before it was kept). */
  stoppedPhase: string | null;
  /** Paused for HubSpot's daily quota: when it may continue (the account's midnight) and in which zone. */
  quotaPause: { resumeAfter: Date; timeZone: string } | null;
  /** Learners done by the chain and the chain's total; percent is null until the total is known. */
  processed: number;
  total: number;
  percent: number | null;
  upserted: number;
  unchanged: number;
  invalid: number;
  failed: number;
  writeCalls: number;
  startedAt: Date;
  heartbeatAt: Date;
  finishedAt: Date | null;
  /** Running, but no heartbeat for longer than staleAfterMs: its process is probably gone. */
  isStale: boolean;
  /** The latest live run, paused or failed and not yet continued: the next start picks it up. */
  isResumable: boolean;
  resumedByRunId: number | null;
  message: string | null;
}

export async function getRunProgress(
  db: Queryable,
  runId: number,
  staleAfterMs = DEFAULT_STALE_AFTER_MS,
): Promise<RunProgress | null> {
  const { rows } = await db.query(
    `select ${RUN_COLUMNS}, now() as db_now,
       id = (select max(id) from crm_sync.runs where mode = 'live') as is_latest_live
     from crm_sync.runs where id = $1`,
    [runId],
  );
  if (!rows[0]) return null;
  const run = parseRunRow(rows[0]);
  const dbNow = z.date().parse(rows[0].db_now);
  const isLatestLive = z.boolean().parse(rows[0].is_latest_live);
  return {
    runId: run.id,
    mode: run.mode,
    status: run.status,
    phase: run.phase,
    stoppedPhase: run.stoppedPhase,
    quotaPause: quotaPauseOf(run),
    processed: run.chainProcessed,
    total: run.totalLearners,
    percent:
      run.totalLearners > 0
        ? Math.min(100, Math.round((run.chainProcessed / run.totalLearners) * 1000) / 10)
        : run.status === "running"
          ? null
          : 100,
    upserted: run.upserted,
    unchanged: run.unchanged,
    invalid: run.invalid,
    failed: run.failed,
    writeCalls: run.writeCalls,
    startedAt: run.startedAt,
    heartbeatAt: run.heartbeatAt,
    finishedAt: run.finishedAt,
    isStale: run.status === "running" && dbNow.getTime() - run.heartbeatAt.getTime() > staleAfterMs,
    isResumable: isLatestLive && (run.status === "paused" || run.status === "failed") && run.resumedByRunId === null,
    resumedByRunId: run.resumedByRunId,
    message: run.message,
  };
}
