"use server";
import { z } from "zod";
import { ActionError, staffAction } from "@/lib/actions/staff-action";
import { writeAudit } from "@/lib/audit/write-audit";
import { serverEnv } from "@/lib/config/env";
import { syncNowBudgetMs } from "@/lib/cron/sync-time-budget";
import { SyncAlreadyRunningError, SyncConfigurationError } from "@/lib/sync";
import { getSyncDependencies } from "@/lib/sync/execute/get-sync-dependencies";
import { startDurableSync } from "@/lib/workflows/start-durable-sync";

const inputSchema = z.object({}).strict();

export interface StartSyncResult {
  runId: number;
  resumedFromRunId: number | null;
}

/**
 * "Sync now" (operator and admin): claims the live run and answers at once with its id; the page
 * polls the run's progress. The run is executed by its workflow (lib/workflows), in chunks held to
 * the same time budget as the cron, each continued by the next until the run ends.
 */
export const startSync = staffAction("operator", inputSchema, async (_input, { actor }): Promise<StartSyncResult> => {
  const deps = getSyncDependencies();
  try {
    const started = await startDurableSync(deps, actor, syncNowBudgetMs(serverEnv()));
    await writeAudit(deps.pool, actor, "sync.start", `run #${started.runId}`, {
      trigger: "ui",
      resumedFromRunId: started.resumedFromRunId,
      workflowRunId: started.workflowRunId,
    });
    return { runId: started.runId, resumedFromRunId: started.resumedFromRunId };
  } catch (error) {
    if (error instanceof SyncAlreadyRunningError) throw new ActionError("conflict", error.message);
    if (error instanceof SyncConfigurationError) throw new ActionError("failed", error.message);
    throw error;
  }
});
