"use server";
import { z } from "zod";
import { ActionError, staffAction } from "@/lib/actions/staff-action";
import { getPool } from "@/lib/db/pool";
import { readPreviewBatch, readPreviewIssues, type PreviewIssue } from "@/lib/sync/preview/read-preview";

const batchInput = z.object({ runId: z.number().int().positive(), batch: z.number().int().positive() }).strict();
const issuesInput = z
  .object({
    runId: z.number().int().positive(),
    page: z.number().int().positive(),
    pageSize: z.number().int().min(1).max(100),
  })
  .strict();

export interface PreviewBatchPage {
  batch: number;
  /** Exactly the JSON text a live run would POST. */
  body: string;
}

/** Batch N of a stored preview (viewer and up). */
export const readPreviewBatchPage = staffAction("viewer", batchInput, async (input): Promise<PreviewBatchPage> => {
  const body = await readPreviewBatch(getPool(), input.runId, input.batch);
  if (body === null)
    throw new ActionError(
      "not_found",
      `Preview #${input.runId} has no batch ${input.batch} (a newer preview may have replaced it: run it again).`,
    );
  return { batch: input.batch, body };
});

export interface PreviewIssuesPage {
  items: PreviewIssue[];
  total: number;
  page: number;
  pageSize: number;
}

/** One page of a stored preview's data issues (viewer and up). */
export const readPreviewIssuesPage = staffAction("viewer", issuesInput, async (input): Promise<PreviewIssuesPage> =>
  readPreviewIssues(getPool(), input.runId, { page: input.page, pageSize: input.pageSize }),
);
