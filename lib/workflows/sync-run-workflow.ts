/**
 * "Sync now" continued by a durable engine: the Workflow SDK (`workflow`; docs/ARCHITECTURE.md,
 * "Sync engine"). The action claims the run and starts this workflow (start-durable-sync.ts); each
 * step executes one chunk of the run under the time budget, as a cron invocation does, and claims
 * the continuation when the budget runs out; the workflow calls the next step until the chain of
 * runs ends. Locally the SDK's local world runs the steps in this process (data in
 * WORKFLOW_LOCAL_DATA_DIR); on Vercel the Vercel world queues each step as its own invocation.
 *
 * The workflow function runs in the SDK's sandbox (deterministic, no Node APIs): it only loops
 * (lib/sync/durable/drive-sync-chain.ts). Everything that touches the database is in the steps.
 */
import { getStepMetadata, RetryableError } from "workflow";
import { alertConfigFrom } from "@/lib/alerts/alert-config";
import { alertOnRunEnd } from "@/lib/alerts/alert-on-run-end";
import { serverEnv } from "@/lib/config/env";
import {
  driveSyncChain,
  type ChunkInput,
  type ChunkOutcome,
  type SyncChainResult,
  type SyncChainStart,
} from "@/lib/sync/durable/drive-sync-chain";
import { runSyncChunk } from "@/lib/sync/durable/run-sync-chunk";
import { getSyncDependencies } from "@/lib/sync/execute/get-sync-dependencies";

/** A step that failed unexpectedly (the database unreachable…) is tried again after this. */
const RETRY_AFTER_ERROR = "30s";

export async function syncRunWorkflow(start: SyncChainStart): Promise<SyncChainResult> {
  "use workflow";
  // crypto.randomUUID is seeded in a workflow: a replay chooses the same tokens.
  const result = await driveSyncChain(start, syncRunChunk, () => crypto.randomUUID());
  if (result.outcome.kind === "ended") await alertOnSyncRunEnd(result.outcome.runId);
  return result;
}

/** One chunk (lib/sync/durable/run-sync-chunk.ts). Retried after a crash; the chunk decides what is safe. */
export async function syncRunChunk(input: ChunkInput): Promise<ChunkOutcome> {
  "use step";
  const { attempt } = getStepMetadata();
  let outcome: Awaited<ReturnType<typeof runSyncChunk>>;
  try {
    outcome = await runSyncChunk(getSyncDependencies(), input, attempt);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new RetryableError(`Chunk of run #${input.runId} failed: ${message}`, { retryAfter: RETRY_AFTER_ERROR });
  }
  if (outcome.kind === "wait") {
    throw new RetryableError(
      `Run #${outcome.runId} may still be held by an earlier attempt of this chunk; retrying once its lease is stale.`,
      { retryAfter: new Date(outcome.retryAt) },
    );
  }
  return outcome;
}
// A crash costs one attempt and the wait for its stale lease another; unexpected errors the rest.
syncRunChunk.maxRetries = 8;

/** Once, at the end of the chain: the run that ended it alerts if it failed or rejected too much (lib/alerts). */
export async function alertOnSyncRunEnd(runId: number): Promise<void> {
  "use step";
  await alertOnRunEnd(getSyncDependencies().pool, runId, alertConfigFrom(serverEnv())).catch((error: unknown) => {
    console.error(
      `[sync] run #${runId}: the alert could not be posted:`,
      error instanceof Error ? error.message : error,
    );
  });
}
