"use server";
import { z } from "zod";
import { ActionError, staffAction } from "@/lib/actions/staff-action";
import { writeAudit } from "@/lib/audit/write-audit";
import { serverEnv } from "@/lib/config/env";
import { getPool } from "@/lib/db/pool";
import { createSyncDependencies, runSync, SyncConfigurationError, type DryRunDocument, type RunSummary } from "@/lib/sync";

const inputSchema = z
  .object({ levels: z.array(z.string().regex(/^[a-z][a-z0-9_]{0,30}$/)).max(50).optional() })
  .strict();

export interface PreviewPayloadResult {
  runId: number;
  document: DryRunDocument;
  summary: RunSummary;
  durationMs: number;
  message: string;
}

/** "Preview payload": the engine's dry run (nothing is written to HubSpot), for every staff role. */
export const previewPayload = staffAction("viewer", inputSchema, async (input, { actor }): Promise<PreviewPayloadResult> => {
  const deps = createSyncDependencies(serverEnv(), { pool: getPool() });
  try {
    const result = await runSync({
      pool: deps.pool,
      hubspot: deps.hubspot,
      sourceSchema: deps.sourceSchema,
      mode: "dry_run",
      trigger: "ui",
      actor,
      levels: input.levels,
    });
    await writeAudit(deps.pool, actor, "sync.preview", `run #${result.runId}`, { levels: result.levels });
    return { runId: result.runId, document: result.document, summary: result.summary, durationMs: result.durationMs, message: result.message };
  } catch (error) {
    if (error instanceof SyncConfigurationError) throw new ActionError("invalid_input", error.message);
    throw error;
  }
});
