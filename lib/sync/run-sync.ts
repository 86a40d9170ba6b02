/**
 * Engine entry points. `beginSync` validates, plans the levels and claims the run row (this is
 * where "already running" is decided); `execute()` does the work. `runSync` awaits both. For a run
 * that another invocation executes (the durable driver of "Sync now", lib/sync/durable),
 * `claimSync` only claims and `resumeClaimedSync` executes a claimed run by its lease token.
 */
import { z, ZodError } from "zod";
import { levelNameSchema, schemaNameSchema } from "@/lib/contracts/names";
import { RUN_TRIGGERS } from "@/lib/contracts/runs";
import { claimRun } from "./runs/claim-run";
import { pruneRunDetails } from "./retention/prune-run-details";
import { markRunFailed } from "./runs/close-run";
import { RUN_COLUMNS, parseRunRow, type RunRecord } from "./runs/run-row";
import { DEFAULT_HEARTBEAT_INTERVAL_MS, DEFAULT_STALE_AFTER_MS, RunLease } from "./runs/run-lease";
import { asSyncRun, RunExecution } from "./execute/execute-run";
import { isHubSpotError } from "./hubspot-port";
import { registerAndPlanLevels } from "@/lib/db/levels/plan-levels";
import { selectLevels } from "./plan/plan-sync";
import type { RunOptions } from "./runs/run-row";
import type { LevelPlan } from "@/lib/db/levels/plan-levels";
import { SyncConfigurationError, SyncRunFailedError, SyncRunLostError, isDatabaseConnectionError } from "./sync-errors";
import type { DryRunResult, LiveRunResult, SyncOptions, SyncResult } from "./sync-types";

/**
 * Learners read and aggregated per database batch (HubSpot batches stay at 100). 1,000 rather than
 * 500 halves the statements and their planning (each aggregation statement costs ~2.5 ms to plan,
 * and the transaction pooler cannot keep prepared statements): aggregation at 100k learners went
 * from ~6.8 s to ~5.5 s (README, Performance); peak memory does not change measurably.
 */
export const DEFAULT_BATCH_SIZE = 1000;
// How the stale threshold was chosen: runs/run-lease.ts.
export { DEFAULT_HEARTBEAT_INTERVAL_MS, DEFAULT_STALE_AFTER_MS };
export const DEFAULT_MAX_CONCURRENT_BATCHES = 3;

const optionsSchema = z.object({
  mode: z.enum(["dry_run", "live"]),
  full: z.boolean().optional(),
  levels: z.array(levelNameSchema).optional(),
  limit: z.number().int().positive().optional(),
  trigger: z.enum(RUN_TRIGGERS),
  actor: z.object({ id: z.uuid().optional(), label: z.string().trim().min(1) }),
  timeBudgetMs: z.number().int().positive().optional(),
  batchSize: z.number().int().min(1).max(5000).optional(),
  sourceSchema: schemaNameSchema.optional(),
  staleAfterMs: z.number().int().positive().optional(),
  heartbeatIntervalMs: z.number().int().positive().optional(),
  maxConcurrentBatches: z.number().int().min(1).max(10).optional(),
  keepPlanInMemory: z.boolean().optional(),
  leaseToken: z.uuid().optional(),
  continueRunId: z.number().int().positive().optional(),
});

export interface BegunSync {
  runId: number;
  /** The run this one continues (paused, failed or interrupted before). */
  resumedFromRunId: number | null;
  execute(): Promise<SyncResult>;
}

/** A live run claimed for another invocation to execute (`resumeClaimedSync`). */
export interface ClaimedSync {
  runId: number;
  resumedFromRunId: number | null;
  /** Whoever holds this may execute the run; every write is fenced by it (runs/run-lease.ts). */
  leaseToken: string;
}

/** The error as one readable line without a closing period (the sentence around it adds one). */
function readableDetail(error: unknown): string {
  const text =
    error instanceof ZodError
      ? error.issues.map((issue) => `${issue.path.join(".") || "value"}: ${issue.message}`).join("; ")
      : error instanceof Error
        ? error.message
        : String(error);
  return text
    .replace(/\s*\n\s*/g, " ")
    .trim()
    .replace(/[.\s]+$/, "");
}

function describeFailure(runId: number, error: unknown): SyncRunFailedError {
  const detail = readableDetail(error);
  const resume = `Run #${runId} keeps its cursor; the next start continues from there.`;
  if (isHubSpotError(error) && (error.category === "unauthorized" || error.category === "forbidden")) {
    const fix =
      error.category === "unauthorized"
        ? "Check HUBSPOT_ACCESS_TOKEN"
        : "Give the private app the crm.objects.contacts and crm.schemas.contacts scopes";
    return new SyncRunFailedError(
      runId,
      `HubSpot refused the access token (${error.status}): ${detail}. ${fix}. ${resume}`,
      "hubspot_unauthorized",
      { cause: error },
    );
  }
  if (isHubSpotError(error)) {
    return new SyncRunFailedError(
      runId,
      `HubSpot is not accepting requests (${error.category}): ${detail}. ${resume}`,
      "hubspot_unavailable",
      { cause: error },
    );
  }
  if (isDatabaseConnectionError(error)) {
    return new SyncRunFailedError(runId, `Lost the database connection: ${detail}. ${resume}`, "database", {
      cause: error,
    });
  }
  return new SyncRunFailedError(runId, `Sync failed: ${detail}. ${resume}`, "unexpected", { cause: error });
}

async function failRun(execution: RunExecution, options: SyncOptions, lease: RunLease, error: unknown): Promise<never> {
  const { runId } = lease;
  // Without the lease nothing may be written, not even "failed": the run is someone else's now.
  const lost = lease.lostError ?? (error instanceof SyncRunLostError ? error : null);
  if (lost) throw lost;
  const failure = describeFailure(runId, error);
  if (failure.reason !== "database") {
    // Best effort: keep what HubSpot already confirmed before the failure. If this commit fails
    // too, nothing is lost: those rows are simply sent again by the run that continues this one.
    await execution.salvage().catch(() => undefined);
  }
  try {
    await markRunFailed(options.pool, runId, failure.message, lease.token);
  } catch (markError) {
    const why = markError instanceof Error ? markError.message : String(markError);
    throw new SyncRunFailedError(
      runId,
      `${failure.message} The run could not be marked failed either (${why}); it is taken over once its heartbeat is stale.`,
      failure.reason,
      { cause: error },
    );
  }
  throw failure;
}

function parseOptions(options: SyncOptions): void {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new SyncConfigurationError(`Invalid sync options: ${z.prettifyError(parsed.error)}`);
  if (options.mode === "live" && !options.hubspot) {
    throw new SyncConfigurationError(
      "A live sync needs HubSpot: set HUBSPOT_ACCESS_TOKEN to a private-app token (a dry run works without one).",
    );
  }
}

async function planAndClaim(options: SyncOptions) {
  parseOptions(options);
  const plan = await registerAndPlanLevels(options.pool, options.sourceSchema);
  const requested = options.levels && options.levels.length > 0 ? selectLevels(plan, options.levels) : null;
  const runOptions: RunOptions = {
    levels: requested,
    full: options.full ?? false,
    limit: options.limit ?? null,
    batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
    timeBudgetMs: options.timeBudgetMs ?? null,
  };
  // Retention before each run keeps the history bounded without a separate job to schedule.
  await pruneRunDetails(options.pool);
  const claimed = await claimRun(options.pool, {
    mode: options.mode,
    trigger: options.trigger,
    actor: options.actor,
    options: runOptions,
    enabledLevels: plan.enabledLevels,
    staleAfterMs: options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS,
    leaseToken: options.leaseToken,
    continueRunId: options.continueRunId,
  });
  return { plan, claimed };
}

/** The lease and the execution of a claimed run; nothing runs until `execute()`. */
function prepareSync(
  options: SyncOptions,
  plan: LevelPlan,
  run: RunRecord,
  leaseToken: string,
  resumedFromRunId: number | null,
): BegunSync {
  const startedAt = Date.now();
  const lease = new RunLease(options.pool, run.id, leaseToken, {
    staleAfterMs: options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS,
  });
  const execution = new RunExecution({
    db: options.pool,
    hubspot: options.hubspot,
    run: asSyncRun(run),
    plan,
    batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
    limit: options.limit ?? null,
    deadline: options.timeBudgetMs ? startedAt + options.timeBudgetMs : null,
    signal: options.signal,
    onProgress: options.onProgress,
    maxConcurrentBatches: options.maxConcurrentBatches ?? DEFAULT_MAX_CONCURRENT_BATCHES,
    lease,
    keepPlanInMemory: options.keepPlanInMemory,
  });
  return {
    runId: run.id,
    resumedFromRunId,
    execute: async () => {
      // The heartbeat runs on a timer from here on, independent of how long a HubSpot call takes.
      lease.start();
      try {
        return await execution.execute();
      } catch (error) {
        return await failRun(execution, options, lease, error);
      } finally {
        await lease.stop();
      }
    },
  };
}

export async function beginSync(options: SyncOptions): Promise<BegunSync> {
  const { plan, claimed } = await planAndClaim(options);
  return prepareSync(options, plan, claimed.run, claimed.leaseToken, claimed.predecessor?.id ?? null);
}

/**
 * Claims a live run (exactly as `beginSync` does: "already running", continuation, supersession)
 * without executing it: the holder of the returned lease token runs it with `resumeClaimedSync`.
 * The run is `running` from here on; if nobody executes it, it goes stale and is taken over.
 */
export async function claimSync(options: Omit<SyncOptions, "mode">): Promise<ClaimedSync> {
  const { claimed } = await planAndClaim({ ...options, mode: "live" });
  return {
    runId: claimed.run.id,
    resumedFromRunId: claimed.predecessor?.id ?? null,
    leaseToken: claimed.leaseToken,
  };
}

/**
 * Executes a live run claimed earlier (`claimSync`) by the holder of its lease token. Throws
 * SyncRunLostError when the run is no longer running under that token (taken over, or closed).
 */
export async function resumeClaimedSync(
  options: Omit<SyncOptions, "mode">,
  claim: Pick<ClaimedSync, "runId" | "leaseToken">,
): Promise<BegunSync> {
  const live: SyncOptions = { ...options, mode: "live" };
  parseOptions(live);
  const plan = await registerAndPlanLevels(live.pool, live.sourceSchema);
  const { rows } = await live.pool.query(
    `select ${RUN_COLUMNS} from crm_sync.runs
     where id = $1 and mode = 'live' and status = 'running' and lease_token = $2::uuid`,
    [claim.runId, claim.leaseToken],
  );
  if (!rows[0]) throw new SyncRunLostError(claim.runId);
  const run = parseRunRow(rows[0]);
  return prepareSync(live, plan, run, claim.leaseToken, run.resumedFromRunId);
}

export async function runSync(options: SyncOptions & { mode: "dry_run" }): Promise<DryRunResult>;
export async function runSync(options: SyncOptions & { mode: "live" }): Promise<LiveRunResult>;
export async function runSync(options: SyncOptions): Promise<SyncResult>;
export async function runSync(options: SyncOptions): Promise<SyncResult> {
  const begun = await beginSync(options);
  return begun.execute();
}
