/**
 * Engine entry points. `beginSync` validates, plans the levels and claims the run row (this is
 * where "already running" is decided); `execute()` does the work. `runSync` awaits both;
 * `startLiveRunInBackground` returns the run id as soon as the row exists, for "Sync now".
 */
import { z } from "zod";
import { claimRun } from "./runs/claim-run";
import { markRunFailed } from "./runs/close-run";
import { RunExecution } from "./execute/execute-run";
import { isHubSpotError } from "./hubspot-port";
import { registerAndPlanLevels } from "@/lib/db/levels/plan-levels";
import { selectLevels } from "./plan/plan-sync";
import type { RunOptions } from "./runs/run-row";
import { SyncConfigurationError, SyncRunFailedError, SyncRunLostError, isDatabaseConnectionError } from "./sync-errors";
import type { DryRunResult, LiveRunResult, SyncOptions, SyncResult } from "./sync-types";

export const DEFAULT_BATCH_SIZE = 500;
export const DEFAULT_STALE_AFTER_MS = 120_000;
export const DEFAULT_MAX_CONCURRENT_BATCHES = 3;

const optionsSchema = z.object({
  mode: z.enum(["dry_run", "live"]),
  full: z.boolean().optional(),
  levels: z.array(z.string().regex(/^[a-z][a-z0-9_]{0,30}$/, "level keys look like a1 or pre_a1")).optional(),
  limit: z.number().int().positive().optional(),
  trigger: z.enum(["ui", "cli", "cron", "bench"]),
  actor: z.object({ id: z.uuid().optional(), label: z.string().trim().min(1) }),
  timeBudgetMs: z.number().int().positive().optional(),
  batchSize: z.number().int().min(1).max(5000).optional(),
  sourceSchema: z.string().regex(/^[A-Za-z_][A-Za-z0-9_$]{0,62}$/).optional(),
  staleAfterMs: z.number().int().positive().optional(),
  maxConcurrentBatches: z.number().int().min(1).max(10).optional(),
});

export interface BegunSync {
  runId: number;
  /** The run this one continues (paused, failed or interrupted before). */
  resumedFromRunId: number | null;
  execute(): Promise<SyncResult>;
}

function describeFailure(runId: number, error: unknown): SyncRunFailedError {
  const detail = error instanceof Error ? error.message : String(error);
  const resume = `Run #${runId} keeps its cursor; the next start continues from there.`;
  if (isHubSpotError(error) && (error.category === "unauthorized" || error.category === "forbidden")) {
    const fix = error.category === "unauthorized" ? "Check HUBSPOT_ACCESS_TOKEN" : "Give the private app the crm.objects.contacts and crm.schemas.contacts scopes";
    return new SyncRunFailedError(runId, `HubSpot refused the access token (${error.status}): ${detail}. ${fix}. ${resume}`, "hubspot_unauthorized", { cause: error });
  }
  if (isHubSpotError(error)) {
    return new SyncRunFailedError(runId, `HubSpot is not accepting requests (${error.category}): ${detail}. ${resume}`, "hubspot_unavailable", { cause: error });
  }
  if (isDatabaseConnectionError(error)) {
    return new SyncRunFailedError(runId, `Lost the database connection: ${detail}. ${resume}`, "database", { cause: error });
  }
  return new SyncRunFailedError(runId, `Sync failed: ${detail}. ${resume}`, "unexpected", { cause: error });
}

async function failRun(execution: RunExecution, options: SyncOptions, runId: number, error: unknown): Promise<never> {
  if (error instanceof SyncRunLostError) throw error;
  const failure = describeFailure(runId, error);
  if (failure.reason !== "database") {
    // Best effort: keep what HubSpot already confirmed before the failure. If this commit fails
    // too, nothing is lost: those rows are simply sent again by the run that continues this one.
    await execution.salvage().catch(() => undefined);
  }
  try {
    await markRunFailed(options.pool, runId, failure.message);
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

export async function beginSync(options: SyncOptions): Promise<BegunSync> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new SyncConfigurationError(`Invalid sync options: ${z.prettifyError(parsed.error)}`);
  if (options.mode === "live" && !options.hubspot) {
    throw new SyncConfigurationError("A live sync needs HubSpot: set HUBSPOT_ACCESS_TOKEN to a private-app token (a dry run works without one).");
  }
  const plan = await registerAndPlanLevels(options.pool, options.sourceSchema);
  const requested = options.levels && options.levels.length > 0 ? selectLevels(plan, options.levels) : null;
  const runOptions: RunOptions = {
    levels: requested,
    full: options.full ?? false,
    limit: options.limit ?? null,
    batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
    timeBudgetMs: options.timeBudgetMs ?? null,
  };
  const staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  const claimed = await claimRun(options.pool, {
    mode: options.mode,
    trigger: options.trigger,
    actor: options.actor,
    options: runOptions,
    enabledLevels: plan.enabledLevels,
    staleAfterMs,
  });
  const startedAt = Date.now();
  const execution = new RunExecution({
    db: options.pool,
    hubspot: options.hubspot,
    run: claimed.run,
    plan,
    batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
    limit: options.limit ?? null,
    deadline: options.timeBudgetMs ? startedAt + options.timeBudgetMs : null,
    signal: options.signal,
    onProgress: options.onProgress,
    maxConcurrentBatches: options.maxConcurrentBatches ?? DEFAULT_MAX_CONCURRENT_BATCHES,
  });
  return {
    runId: claimed.run.id,
    resumedFromRunId: claimed.predecessor?.id ?? null,
    execute: async () => {
      try {
        return await execution.execute();
      } catch (error) {
        return failRun(execution, options, claimed.run.id, error);
      }
    },
  };
}

export async function runSync(options: SyncOptions & { mode: "dry_run" }): Promise<DryRunResult>;
export async function runSync(options: SyncOptions & { mode: "live" }): Promise<LiveRunResult>;
export async function runSync(options: SyncOptions): Promise<SyncResult>;
export async function runSync(options: SyncOptions): Promise<SyncResult> {
  const begun = await beginSync(options);
  return begun.execute();
}

/**
 * For "Sync now": claims the run (throwing SyncAlreadyRunningError / SyncConfigurationError at
 * once) and returns its id while the work goes on. `done` settles when the run ends; hand it to
 * the platform's waitUntil/after so a serverless host keeps the function alive. Its failure is
 * recorded on the run row, so `done` never rejects.
 */
export async function startLiveRunInBackground(
  options: Omit<SyncOptions, "mode">,
): Promise<{ runId: number; resumedFromRunId: number | null; done: Promise<LiveRunResult | { runId: number; error: Error }> }> {
  const begun = await beginSync({ ...options, mode: "live" });
  const done = begun.execute().then(
    (result) => result as LiveRunResult,
    (error: unknown) => ({ runId: begun.runId, error: error instanceof Error ? error : new Error(String(error)) }),
  );
  return { runId: begun.runId, resumedFromRunId: begun.resumedFromRunId, done };
}
