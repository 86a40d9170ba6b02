/**
 * Starts a run row. For live runs the database's unique index (one `running` live run) is the
 * arbiter; this module adds the policy around it:
 * - a running live run with a fresh heartbeat → SyncAlreadyRunningError naming who and when;
 * - a running live run with a stale heartbeat → marked `interrupted` and continued by the new run;
 * - the latest live run `paused` or `failed` → continued by the new run (from its cursor, with its
 *   options), unless the request asks for a different scope: then it is superseded.
 * A continuation is a NEW row (resumed_from_run_id → predecessor), so each row tells what its own
 * process did. Dry runs never continue anything and never block live runs.
 * - the latest live run paused for HubSpot's daily quota, before its `resume_after` (the account's
 *   midnight) → SyncQuotaWaitError: no live start of any scope, since every write would be refused
 *   (docs/ARCHITECTURE.md, "Daily quota").
 * `continueRunId` narrows a live claim to one continuation (the durable driver of "Sync now",
 * lib/workflows): it claims only if that run is the one waiting (paused, or running with a stale
 * heartbeat), and otherwise starts nothing (SyncNothingToContinueError).
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { Database, Queryable } from "@/lib/db/queryable";
import { inTransaction } from "@/lib/db/queryable";
import { RUN_COLUMNS, parseRunRow, type RunOptions, type RunRecord } from "./run-row";
import {
  SyncAlreadyRunningError,
  SyncNothingToContinueError,
  SyncPreviewRunningError,
  SyncQuotaWaitError,
} from "../sync-errors";
import { quotaPauseOf } from "./read-runs";
import type { SyncActor, SyncMode, SyncTrigger } from "../sync-types";

export interface ClaimRequest {
  mode: SyncMode;
  trigger: SyncTrigger;
  actor: SyncActor;
  options: RunOptions;
  /** Enabled levels right now: a continuation of a level subset needs them all still enabled. */
  enabledLevels: readonly string[];
  staleAfterMs: number;
  /** The owner token to claim with (default: a new random one). The durable driver chooses it, so a
   * retried step recognises a claim its earlier attempt made. */
  leaseToken?: string;
  /** Live only: claim as the continuation of exactly this run, or not at all. */
  continueRunId?: number;
}

export interface ClaimedRun {
  run: RunRecord;
  /** The owner token every write of this run is fenced with (run-lease.ts). */
  leaseToken: string;
  /** The run this one continues, if any. */
  predecessor: RunRecord | null;
}

const UNIQUE_VIOLATION = "23505";

function isPlainRequest(options: RunOptions): boolean {
  return options.levels === null && !options.full;
}

function sameScope(a: RunOptions, b: RunOptions): boolean {
  const levels = (value: string[] | null) => (value === null ? null : [...value].sort().join(","));
  return levels(a.levels) === levels(b.levels) && a.full === b.full;
}

function canContinue(request: ClaimRequest, predecessor: RunRecord): boolean {
  const wanted = predecessor.options.levels;
  if (wanted !== null && !wanted.every((level) => request.enabledLevels.includes(level))) return false;
  return isPlainRequest(request.options) || sameScope(request.options, predecessor.options);
}

async function insertRun(
  client: Queryable,
  request: ClaimRequest,
  options: RunOptions,
  predecessor: RunRecord | null,
  leaseToken: string,
): Promise<RunRecord> {
  const { rows } = await client.query(
    `insert into crm_sync.runs (mode, is_full, trigger, levels, started_by, started_by_label, options,
       cursor_user_id, chain_processed, total_learners, resumed_from_run_id, lease_token)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     returning ${RUN_COLUMNS}`,
    [
      request.mode,
      options.full,
      request.trigger,
      options.levels ?? request.enabledLevels,
      request.actor.id ?? null,
      request.actor.label,
      JSON.stringify(options),
      predecessor?.cursorUserId ?? null,
      predecessor?.chainProcessed ?? 0,
      predecessor?.totalLearners ?? 0,
      predecessor?.id ?? null,
      leaseToken,
    ],
  );
  return parseRunRow(rows[0]);
}

async function readLiveOwner(db: Database): Promise<RunRecord | null> {
  const { rows } = await db.query(
    `select ${RUN_COLUMNS} from crm_sync.runs where mode = 'live' and status = 'running'`,
  );
  return rows[0] ? parseRunRow(rows[0]) : null;
}

function alreadyRunning(owner: RunRecord, staleAfterMs: number): SyncAlreadyRunningError {
  return new SyncAlreadyRunningError(
    {
      runId: owner.id,
      trigger: owner.trigger,
      startedByLabel: owner.startedByLabel,
      startedAt: owner.startedAt,
      heartbeatAt: owner.heartbeatAt,
    },
    staleAfterMs,
  );
}

async function findPredecessor(
  client: pg.PoolClient,
  request: ClaimRequest,
): Promise<{ run: RunRecord; isStale: boolean } | null> {
  const running = await client.query(
    `select ${RUN_COLUMNS}, heartbeat_at < now() - make_interval(secs => $1::float8 / 1000) as is_stale
     from crm_sync.runs where mode = 'live' and status = 'running' for update`,
    [request.staleAfterMs],
  );
  if (running.rows[0]) {
    const run = parseRunRow(running.rows[0]);
    if (running.rows[0].is_stale !== true) throw alreadyRunning(run, request.staleAfterMs);
    return { run, isStale: true };
  }
  const latest = await client.query(
    `select ${RUN_COLUMNS} from crm_sync.runs where mode = 'live' order by id desc limit 1 for update`,
  );
  const run = latest.rows[0] ? parseRunRow(latest.rows[0]) : null;
  const quotaPause = run && run.resumedByRunId === null ? quotaPauseOf(run) : null;
  if (run && quotaPause && quotaPause.resumeAfter.getTime() > Date.now())
    throw new SyncQuotaWaitError(run.id, quotaPause.resumeAfter, quotaPause.timeZone);
  if (run && (run.status === "paused" || run.status === "failed") && run.resumedByRunId === null)
    return { run, isStale: false };
  return null;
}

async function claimLiveRun(db: Database, request: ClaimRequest): Promise<ClaimedRun> {
  return inTransaction(db, async (client) => {
    const found = await findPredecessor(client, request);
    const predecessor = found && canContinue(request, found.run) ? found.run : null;
    if (request.continueRunId !== undefined && predecessor?.id !== request.continueRunId)
      throw new SyncNothingToContinueError(request.continueRunId);
    if (found?.isStale) {
      // Frees the one-running-run slot before the new row takes it.
      await client.query(
        `update crm_sync.runs set status = 'interrupted', finished_at = now(), stopped_phase = phase, phase = 'done',
           message = concat_ws(' ', message, format('Heartbeat stale since %s (its process is gone).', heartbeat_at))
         where id = $1`,
        [found.run.id],
      );
    }
    const leaseToken = request.leaseToken ?? randomUUID();
    const run = await insertRun(client, request, predecessor?.options ?? request.options, predecessor, leaseToken);
    if (predecessor) {
      await client.query(
        "update crm_sync.runs set resumed_by_run_id = $2, message = concat_ws(' ', message, $3::text) where id = $1",
        [predecessor.id, run.id, `Continued by run #${run.id}.`],
      );
    } else if (found) {
      await client.query(
        `update crm_sync.runs set status = case when status = 'paused' then 'cancelled' else status end,
           message = concat_ws(' ', message, $3::text)
         where id = $1 and id <> $2`,
        [found.run.id, run.id, `Superseded by run #${run.id} (a different scope was requested).`],
      );
    }
    return { run, leaseToken, predecessor };
  });
}

async function claimDryRun(db: Database, request: ClaimRequest): Promise<ClaimedRun> {
  // A dry run whose process died would otherwise show as running forever.
  await db.query(
    `update crm_sync.runs set status = 'failed', finished_at = now(), stopped_phase = phase, phase = 'done',
       message = 'Abandoned: its process stopped sending heartbeats.'
     where mode = 'dry_run' and status = 'running' and heartbeat_at < now() - make_interval(secs => $1::float8 / 1000)`,
    [request.staleAfterMs],
  );
  const leaseToken = randomUUID();
  try {
    return { run: await insertRun(db, request, request.options, null, leaseToken), leaseToken, predecessor: null };
  } catch (error) {
    // runs_one_dry_run: another preview is running; say which, so a preview can join it.
    if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION) throw error;
    const { rows } = await db.query(
      `select ${RUN_COLUMNS} from crm_sync.runs where mode = 'dry_run' and status = 'running'`,
    );
    if (!rows[0]) throw error;
    const owner = parseRunRow(rows[0]);
    throw new SyncPreviewRunningError({
      runId: owner.id,
      trigger: owner.trigger,
      startedByLabel: owner.startedByLabel,
      startedAt: owner.startedAt,
      heartbeatAt: owner.heartbeatAt,
      levels: owner.levels,
    });
  }
}

export async function claimRun(db: Database, request: ClaimRequest): Promise<ClaimedRun> {
  if (request.mode === "dry_run") return claimDryRun(db, request);
  try {
    return await claimLiveRun(db, request);
  } catch (error) {
    if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION) throw error;
    // Another starter won the race between our read and our insert.
    const owner = await readLiveOwner(db);
    if (!owner) throw error;
    throw alreadyRunning(owner, request.staleAfterMs);
  }
}
