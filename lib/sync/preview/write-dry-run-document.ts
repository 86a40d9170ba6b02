/**
 * Writes the dry-run document (the shape of docs/ARCHITECTURE.md's dry-run JSON: mode, levels,
 * propertyPlan, summary, batches, issues) from the stored preview, a page at a time, so a plan of
 * any size streams to a file, stdout or an HTTP response in flat memory. Batches are copied as
 * stored: byte for byte the bodies a live run would POST.
 */
import type { Queryable } from "@/lib/db/queryable";
import { readPreviewIssuesAfter, readPreviewSummary } from "./read-preview";

export type WriteChunk = (chunk: string) => Promise<void>;

const BATCHES_PER_READ = 20;
const ISSUES_PER_READ = 1000;

export class PreviewNotStoredError extends Error {
  constructor(
    readonly runId: number,
    reason: string,
  ) {
    super(`Preview #${runId} has no stored plan: ${reason}`);
    this.name = "PreviewNotStoredError";
  }
}

export async function writeDryRunDocument(db: Queryable, runId: number, write: WriteChunk): Promise<void> {
  const preview = await readPreviewSummary(db, runId);
  if (!preview) throw new PreviewNotStoredError(runId, "no such dry run.");
  if (!preview.isStored)
    throw new PreviewNotStoredError(
      runId,
      `it ended as ${preview.status}, or was removed by retention (only the newest previews are kept). Run the preview again.`,
    );
  const head = {
    mode: "dry_run",
    levels: preview.levels,
    propertyPlan: preview.propertyPlan,
    summary: preview.summary,
  };
  await write(`${JSON.stringify(head).slice(0, -1)},"batches":[`);
  for (let from = 1; from <= preview.batchCount; from += BATCHES_PER_READ) {
    const { rows } = await db.query(
      "select body::text as body from crm_sync.preview_batches where run_id = $1 and seq >= $2 and seq < $3 order by seq",
      [runId, from, from + BATCHES_PER_READ],
    );
    if (rows.length !== Math.min(BATCHES_PER_READ, preview.batchCount - from + 1)) {
      throw new PreviewNotStoredError(
        runId,
        "its batches were removed while being read (a newer preview replaced it). Run the preview again.",
      );
    }
    await write((from > 1 ? "," : "") + rows.map((row) => String(row.body)).join(","));
  }
  await write('],"issues":[');
  let afterId = 0;
  let isFirst = true;
  for (;;) {
    const page = await readPreviewIssuesAfter(db, runId, afterId, ISSUES_PER_READ);
    if (page.items.length === 0) break;
    await write((isFirst ? "" : ",") + page.items.map((issue) => JSON.stringify(issue)).join(","));
    isFirst = false;
    afterId = page.lastId;
  }
  await write("]}\n");
}
