/**
 * One chunk of a "Sync now" run, as one step of its workflow executes it (lib/workflows): execute
 * the claimed run for one time budget, exactly as a cron invocation does (same engine, same
 * budget: it pauses at a batch boundary), and, when it paused, claim its continuation at once, so
 * the chain is never left `paused` between chunks for the cron or another start to pick up.
 *
 * Safe on retry. A step may run again after its earlier attempt crashed or lost its answer; the
 * chunk first reads where the chain has got to (runs/read-chain-end.ts) and acts on that alone:
 * - the run is still held by this chunk's token: on the first attempt, execute it. On a later
 *   attempt the earlier one may still be sending (a lost answer, not a crash), so wait until its
 *   lease is stale (runs/run-lease.ts), then take it over as any start would (interrupted +
 *   continued from its cursor): never two processes on one run, nothing committed twice;
 * - the run is held by the continuation token: an earlier attempt finished the chunk and claimed the
 *   next one; hand that on without executing anything;
 * - the chain end is paused: claim its continuation (an earlier attempt paused, then failed);
 * - held by another token (another start, the cron): leave the chain to it;
 * - ended: report it, start nothing.
 */
import { DEFAULT_STALE_AFTER_MS } from "../runs/run-lease";
import { markRunFailed } from "../runs/close-run";
import { readChainEnd, type ChainEnd } from "../runs/read-chain-end";
import { quotaPauseOf } from "../runs/read-runs";
import { beginSync, claimSync, resumeClaimedSync, type BegunSync } from "../run-sync";
import { liveRunOptions } from "../execute/live-run-options";
import type { SyncDependencies } from "../execute/create-sync-dependencies";
import {
  SyncAlreadyRunningError,
  SyncConfigurationError,
  SyncNothingToContinueError,
  SyncQuotaWaitError,
  SyncRunFailedError,
  SyncRunLostError,
} from "../sync-errors";
import type { SyncOptions } from "../sync-types";
import type { ChunkInput, ChunkOutcome } from "./drive-sync-chain";

export type ChunkDependencies = Pick<SyncDependencies, "pool" | "hubspot" | "sourceSchema">;

export interface ChunkSettings {
  /** Default the engine's (15 min, runs/run-lease.ts); tests shorten it. */
  staleAfterMs?: number;
  heartbeatIntervalMs?: number;
}

/** Not a chunk outcome: the step retries at `retryAt` (an earlier attempt may still hold the run). */
export interface ChunkWait {
  kind: "wait";
  runId: number;
  retryAt: number;
}

/** A margin past the stale instant, so the retry finds the run stale by the database's clock too. */
const STALE_MARGIN_MS = 5_000;

export async function runSyncChunk(
  deps: ChunkDependencies,
  input: ChunkInput,
  attempt: number,
  settings: ChunkSettings = {},
): Promise<ChunkOutcome | ChunkWait> {
  const staleAfterMs = settings.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  const options: Omit<SyncOptions, "mode"> = {
    ...liveRunOptions(deps, { trigger: "ui", actor: input.actor }, input.budgetMs),
    batchSize: input.batchSize,
    staleAfterMs,
    heartbeatIntervalMs: settings.heartbeatIntervalMs,
  };
  const end = await readChainEnd(deps.pool, input.runId, staleAfterMs);
  if (!end) return { kind: "left", runId: input.runId, reason: `Run #${input.runId} does not exist here.` };
  const { run } = end;
  if (run.status === "running") {
    if (end.leaseToken === input.nextLeaseToken) return { kind: "continue", runId: run.id };
    if (end.leaseToken !== input.leaseToken) return leftTo(end);
    if (attempt <= 1) return adopt(deps, options, { runId: run.id, leaseToken: input.leaseToken }, input);
    if (!end.isStale)
      return { kind: "wait", runId: run.id, retryAt: run.heartbeatAt.getTime() + staleAfterMs + STALE_MARGIN_MS };
    return takeOver(options, run.id, input);
  }
  if (run.status === "paused" && run.resumedByRunId === null) {
    const quotaPause = quotaPauseOf(run);
    if (quotaPause && quotaPause.resumeAfter.getTime() > Date.now())
      return waitsForQuota(run.id, quotaPause.resumeAfter);
    return claimNext(options, run.id, input);
  }
  return { kind: "ended", runId: run.id, status: run.status };
}

function leftTo(end: ChainEnd): ChunkOutcome {
  const { run } = end;
  return {
    kind: "left",
    runId: run.id,
    reason: `Run #${run.id} is held by another start (${run.startedByLabel}, ${run.trigger}); it continues the chain.`,
  };
}

function waitsForQuota(runId: number, resumeAfter: Date): ChunkOutcome {
  return {
    kind: "left",
    runId,
    reason: `Run #${runId} waits for HubSpot's daily quota until ${resumeAfter.toISOString()}; the first cron run after that continues it.`,
  };
}

/** The first attempt of a chunk executes the run it was handed (claimed by "Sync now" or by the chunk before). */
async function adopt(
  deps: ChunkDependencies,
  options: Omit<SyncOptions, "mode">,
  claim: { runId: number; leaseToken: string },
  input: ChunkInput,
): Promise<ChunkOutcome> {
  let begun: BegunSync;
  try {
    begun = await resumeClaimedSync(options, claim);
  } catch (error) {
    if (error instanceof SyncRunLostError) return { kind: "left", runId: claim.runId, reason: error.message };
    if (!(error instanceof SyncConfigurationError)) throw error;
    // Nothing can execute this run as configured (no HubSpot token): close it rather than leave it to go stale.
    await markRunFailed(deps.pool, claim.runId, error.message, claim.leaseToken);
    return { kind: "ended", runId: claim.runId, status: "failed" };
  }
  return executeChunk(options, begun, input);
}

/** A later attempt, once the earlier one's lease is stale: a new row continues from the cursor, under this chunk's token. */
async function takeOver(options: Omit<SyncOptions, "mode">, runId: number, input: ChunkInput): Promise<ChunkOutcome> {
  let begun: BegunSync;
  try {
    begun = await beginSync({ ...options, mode: "live", leaseToken: input.leaseToken, continueRunId: runId });
  } catch (error) {
    return leftAfterClaimError(error, runId);
  }
  return executeChunk(options, begun, input);
}

async function executeChunk(
  options: Omit<SyncOptions, "mode">,
  begun: BegunSync,
  input: ChunkInput,
): Promise<ChunkOutcome> {
  try {
    const result = await begun.execute();
    if (result.mode !== "live") throw new Error(`Run #${begun.runId} was not a live run.`);
    if (result.status !== "paused") return { kind: "ended", runId: result.runId, status: result.status };
    if (result.quotaPause) return waitsForQuota(result.runId, new Date(result.quotaPause.resumesAt));
    return await claimNext(options, result.runId, input);
  } catch (error) {
    // The engine recorded the failure on the run row (the run is `failed`, or stale if even that failed).
    if (error instanceof SyncRunFailedError) return { kind: "ended", runId: error.runId, status: "failed" };
    if (error instanceof SyncRunLostError) return { kind: "left", runId: error.runId, reason: error.message };
    throw error;
  }
}

/** Claims the continuation of a paused run under the next chunk's token; the next chunk executes it. */
async function claimNext(options: Omit<SyncOptions, "mode">, runId: number, input: ChunkInput): Promise<ChunkOutcome> {
  try {
    const next = await claimSync({ ...options, leaseToken: input.nextLeaseToken, continueRunId: runId });
    return { kind: "continue", runId: next.runId };
  } catch (error) {
    return leftAfterClaimError(error, runId);
  }
}

function leftAfterClaimError(error: unknown, runId: number): ChunkOutcome {
  if (error instanceof SyncAlreadyRunningError)
    return { kind: "left", runId: error.owner.runId, reason: error.message };
  if (error instanceof SyncQuotaWaitError) return waitsForQuota(error.runId, error.resumeAfter);
  if (error instanceof SyncNothingToContinueError || error instanceof SyncConfigurationError)
    return { kind: "left", runId, reason: error.message };
  throw error;
}
