/**
 * The data issues of a preview, for its CSV download. The one place that knows where a preview's
 * issues live: the stored preview (lib/sync/preview/read-preview.ts), read in id order a thousand
 * at a time, so the file holds exactly the rows the preview showed without running the plan again.
 */
import type { CsvValue } from "@/lib/csv/encode-csv";
import type { Queryable } from "@/lib/db/queryable";
import { readPreviewIssuesAfter, readPreviewSummary } from "@/lib/sync/preview/read-preview";

export const PREVIEW_ISSUE_HEADER = ["preview_run_id", "email", "user_id", "kind", "message"] as const;

const ISSUES_PER_READ = 1000;

/** Null when `runId` is no preview (no such run, or a live run). */
export async function readPreviewIssueRows(db: Queryable, runId: number): Promise<AsyncGenerator<CsvValue[]> | null> {
  return (await readPreviewSummary(db, runId)) === null ? null : previewIssueRows(db, runId);
}

async function* previewIssueRows(db: Queryable, runId: number): AsyncGenerator<CsvValue[]> {
  for (let afterId = 0; ;) {
    const page = await readPreviewIssuesAfter(db, runId, afterId, ISSUES_PER_READ);
    for (const issue of page.items) yield [runId, issue.email, issue.userId, issue.kind, issue.message];
    if (page.items.length < ISSUES_PER_READ) return;
    afterId = page.lastId;
  }
}
