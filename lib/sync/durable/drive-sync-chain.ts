/**
 * The loop of the durable driver of "Sync now" (docs/ARCHITECTURE.md, "Sync engine"): one chunk
 * after another, each a separate invocation held to the time budget, until the chain of runs ends
 * or someone else holds it. The workflow (lib/workflows/sync-run-workflow.ts) runs exactly this
 * function with its step as `runChunk`; tests run it with `runSyncChunk` called directly.
 *
 * It runs inside the workflow sandbox, so it imports nothing at run time: no Node modules, no
 * database. Every decision about the database is the chunk's (run-sync-chunk.ts).
 */
import type { RunStatus } from "@/lib/contracts/runs";

export interface SyncChainStart {
  /** The run "Sync now" claimed (claimSync). */
  runId: number;
  /** Its lease token: the first chunk executes the run with it. */
  leaseToken: string;
  /** Each chunk's time budget (lib/cron/sync-time-budget.ts). */
  budgetMs: number;
  /** Learners per database batch (tests; default the engine's). */
  batchSize?: number;
  /** Who pressed Sync now: continuations are started in their name. */
  actor: { id?: string; label: string };
}

export interface ChunkInput extends SyncChainStart {
  /** The token this chunk claims the continuation with when its budget runs out. Chosen by the
   * workflow (deterministic across replays), so a retried chunk recognises its own claim. */
  nextLeaseToken: string;
}

export type ChunkOutcome =
  /** The budget ran out: `runId` is the continuation, claimed with `nextLeaseToken`. */
  | { kind: "continue"; runId: number }
  /** The chain has ended (this chunk finished it, or found it finished). */
  | { kind: "ended"; runId: number; status: RunStatus }
  /** Someone else holds the chain (another start, the cron), or it waits for the daily quota: the
   * driver stops and leaves it to them; the cron continues a paused run. */
  | { kind: "left"; runId: number; reason: string };

export type FinalOutcome = Exclude<ChunkOutcome, { kind: "continue" }>;

export interface SyncChainResult {
  /** Chunks (step invocations that returned) it took. */
  chunks: number;
  outcome: FinalOutcome;
}

export async function driveSyncChain(
  start: SyncChainStart,
  runChunk: (input: ChunkInput) => Promise<ChunkOutcome>,
  newLeaseToken: () => string,
): Promise<SyncChainResult> {
  let claim = { runId: start.runId, leaseToken: start.leaseToken };
  for (let chunks = 1; ; chunks += 1) {
    const nextLeaseToken = newLeaseToken();
    const outcome = await runChunk({ ...start, ...claim, nextLeaseToken });
    if (outcome.kind !== "continue") return { chunks, outcome };
    claim = { runId: outcome.runId, leaseToken: nextLeaseToken };
  }
}
