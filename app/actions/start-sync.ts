"use server";
import { after } from "next/server";
import { z } from "zod";
import { staffAction } from "@/lib/actions/staff-action";
import { writeAudit } from "@/lib/audit/write-audit";
import { serverEnv } from "@/lib/config/env";
import { getPool } from "@/lib/db/pool";
import { createSyncDependencies, startLiveRunInBackground } from "@/lib/sync";

const inputSchema = z.object({}).strict();

export interface StartSyncResult {
  runId: number;
  resumedFromRunId: number | null;
}

/**
 * "Sync now" (operator and admin): claims the live run and answers at once with its id; the page
 * polls the run's progress. The work continues after the response: `after` keeps a serverless
 * function alive until it settles, and on a long-lived server it simply runs on.
 */
export const startSync = staffAction("operator", inputSchema, async (_input, { actor }): Promise<StartSyncResult> => {
  const deps = createSyncDependencies(serverEnv(), { pool: getPool() });
  const started = await startLiveRunInBackground({ pool: deps.pool, hubspot: deps.hubspot, sourceSchema: deps.sourceSchema, trigger: "ui", actor });
  after(async () => {
    const outcome = await started.done;
    // The failure is already recorded on the run row (and shown on the page); log it for operators too.
    if ("error" in outcome) console.error(`[sync] run #${outcome.runId} failed:`, outcome.error.message);
  });
  await writeAudit(deps.pool, actor, "sync.start", `run #${started.runId}`, { trigger: "ui", resumedFromRunId: started.resumedFromRunId });
  return { runId: started.runId, resumedFromRunId: started.resumedFromRunId };
});
