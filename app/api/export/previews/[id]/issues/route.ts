import { jsonNoStore, withStaffRoute } from "@/lib/auth/staff-route";
import { csvFileName, csvResponse } from "@/lib/csv/csv-response";
import { getPool } from "@/lib/db/pool";
import { PREVIEW_ISSUE_HEADER, readPreviewIssueRows } from "@/lib/export/preview-issue-rows";
import { parseRunId } from "../../../parse-run-id";

export const dynamic = "force-dynamic";

/** The data issues of one preview (a dry run) as CSV: what the preview's "Data issues" table pages through. */
export const GET = withStaffRoute(
  "viewer",
  async (_staff, _request: Request, context: { params: Promise<{ id: string }> }) => {
    const runId = parseRunId((await context.params).id);
    const rows = runId === null ? null : await readPreviewIssueRows(getPool(), runId);
    if (runId === null || rows === null) return jsonNoStore(404, { error: "not_found" });
    return csvResponse(csvFileName(`preview-${runId}-data-issues`), PREVIEW_ISSUE_HEADER, rows);
  },
);
