"use server";
import { z } from "zod";
import { levelNameSchema } from "@/lib/contracts/names";
import { ActionError, staffAction } from "@/lib/actions/staff-action";
import { writeAudit } from "@/lib/audit/write-audit";
import { getSyncPool } from "@/lib/db/pool";
import { getSyncDependencies } from "@/lib/sync/execute/get-sync-dependencies";
import {
  readPreviewQuota,
  readPreviewSummary,
  type PreviewQuota,
  type PreviewSummary,
} from "@/lib/sync/preview/read-preview";
import { startOrJoinPreview } from "@/lib/sync/preview/start-or-join-preview";

const inputSchema = z.object({ levels: z.array(levelNameSchema).max(50).optional() }).strict();

export interface PreviewPayloadResult extends PreviewSummary {
  /** True when this click joined a preview another viewer had started. */
  joined: boolean;
  /** How many days the sync needs at the configured daily quota, and which part goes today. */
  quota: PreviewQuota;
}

/**
 * "Preview payload": the engine's dry run (nothing is written to HubSpot), for every staff role.
 * One runs at a time; a click while one runs joins it. The answer is the summary and the number of
 * batches: the batches and issues are fetched a page at a time (read-preview-page.ts).
 */
export const previewPayload = staffAction(
  "viewer",
  inputSchema,
  async (input, { actor }): Promise<PreviewPayloadResult> => {
    const deps = getSyncDependencies();
    const preview = await startOrJoinPreview({
      pool: deps.pool,
      hubspot: deps.hubspot,
      sourceSchema: deps.sourceSchema,
      actor,
      levels: input.levels,
    });
    await writeAudit(deps.pool, actor, "sync.preview", `run #${preview.runId}`, {
      levels: input.levels ?? null,
      joined: preview.joined,
    });
    const summary = await readPreviewSummary(getSyncPool(), preview.runId);
    if (!summary) throw new ActionError("not_found", `Preview #${preview.runId} is gone.`);
    if (summary.status !== "succeeded")
      throw new ActionError(
        "failed",
        `Preview #${preview.runId} ended as ${summary.status}: ${summary.message ?? "no details"}`,
      );
    return { ...summary, joined: preview.joined, quota: await readPreviewQuota(getSyncPool(), summary) };
  },
);
