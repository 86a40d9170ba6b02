"use server";
import { after } from "next/server";
import { z } from "zod";
import { alertConfigFrom } from "@/lib/alerts/alert-config";
import { alertOnRunEnd } from "@/lib/alerts/alert-on-run-end";
import { ActionError, staffAction } from "@/lib/actions/staff-action";
import { writeAudit } from "@/lib/audit/write-audit";
import { serverEnv } from "@/lib/config/env";
import { SYNC_TIME_BUDGET_MS } from "@/lib/cron/sync-time-budget";
import { startLiveRunInBackground, SyncAlreadyRunningError, SyncConfigurationError } from "@/lib/sync";
import { getSyncDependencies } from "@/lib/sync/execute/get-sync-dependencies";
import { liveRunOptions } from "@/lib/sync/execute/live-run-options";

const inputSchema = z.object({}).strict();

export interface StartSyncResult {
  runId: number;
  resumedFromRunId: number | null;
}

/**
 * "Sync now" (operator and admin): claims the live run and answers at once with its id; the page
 * polls the run's progress. The work continues after the response under the same time budget as
 * the cron (lib/cron/sync-time-budget.ts): `after` work is killed at the function's maxDuration,
 * so the run pauses at a batch boundary before that, and the next cron run continues it.
 */
export const startSync = staffAction("operator", inputSchema, async (_input, { actor }): Promise<StartSyncResult> => {
  const deps = getSyncDependencies();
  try {
    const started = await startLiveRunInBackground(liveRunOptions(deps, { trigger: "ui", actor }, SYNC_TIME_BUDGET_MS));
    after(async () => {
      const outcome = await started.done;
      // The failure is already recorded on the run row (and shown on the page); log it for operators too.
      if ("error" in outcome) console.error(`[sync] run #${outcome.runId} failed:`, outcome.error.message);
      await alertOnRunEnd(deps.pool, started.runId, alertConfigFrom(serverEnv())).catch((error: unknown) => {
        console.error(
          `[sync] run #${started.runId}: the alert could not be posted:`,
          error instanceof Error ? error.message : String(error),
        );
      });
    });
    await writeAudit(deps.pool, actor, "sync.start", `run #${started.runId}`, {
      trigger: "ui",
      resumedFromRunId: started.resumedFromRunId,
    });
    return { runId: started.runId, resumedFromRunId: started.resumedFromRunId };
  } catch (error) {
    if (error instanceof SyncAlreadyRunningError) throw new ActionError("conflict", error.message);
    if (error instanceof SyncConfigurationError) throw new ActionError("failed", error.message);
    throw error;
  }
});
