/**
 * How "Sync now" (and "Resend this learner") start a live run: claim it here, in the action, so
 * "already running" and the audit row are decided before the answer, then hand the claim to the
 * workflow (sync-run-workflow.ts), whose first step executes it. Nothing of the run executes in
 * the action's own invocation (after() work would be killed at its maxDuration).
 * If the workflow cannot be started, the claimed run is paused at once instead of sitting
 * "running" until it goes stale: the next cron run continues it, and the page says so.
 */
import { start } from "workflow/api";
import { closeRun } from "@/lib/sync/runs/close-run";
import { claimSync, type ClaimedSync, type SyncDependencies } from "@/lib/sync";
import { liveRunOptions } from "@/lib/sync/execute/live-run-options";
import type { SyncActor } from "@/lib/sync/sync-types";
import { syncRunWorkflow } from "./sync-run-workflow";

export interface DurableSyncStart {
  runId: number;
  resumedFromRunId: number | null;
  /** The workflow run that executes it, or null when it could not be started: the run was then paused for the cron to continue. */
  workflowRunId: string | null;
}

export async function startDurableSync(
  deps: Pick<SyncDependencies, "pool" | "hubspot" | "sourceSchema">,
  actor: SyncActor,
  budgetMs: number,
): Promise<DurableSyncStart> {
  const claimed: ClaimedSync = await claimSync(liveRunOptions(deps, { trigger: "ui", actor }, budgetMs));
  const { runId, resumedFromRunId, leaseToken } = claimed;
  try {
    const workflow = await start(syncRunWorkflow, [
      { runId, leaseToken, budgetMs, actor: { id: actor.id, label: actor.label } },
    ]);
    return { runId, resumedFromRunId, workflowRunId: workflow.runId };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    console.error(`[sync] run #${runId}: its workflow could not be started:`, why);
    const stats = { writeCalls: 0, apiCalls: 0, rateLimited: 0, retries: 0 };
    await closeRun(
      deps.pool,
      runId,
      "paused",
      "Sync now could not start its workflow; the next cron run continues this run.",
      stats,
      leaseToken,
    );
    return { runId, resumedFromRunId, workflowRunId: null };
  }
}
