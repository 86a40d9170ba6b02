import { jsonNoStore, withStaffRoute } from "@/lib/auth/staff-route";
import { csvFileName, csvResponse } from "@/lib/csv/csv-response";
import { getPool } from "@/lib/db/pool";
import { readRunMode, RUN_ISSUE_HEADER, runIssueRows } from "@/lib/export/run-issue-rows";
import { parseRunId } from "../../../parse-run-id";

export const dynamic = "force-dynamic";

/** Every failed and flagged row of one run (the run page shows them 25 at a time) as CSV. */
export const GET = withStaffRoute(
  "viewer",
  async (_staff, _request: Request, context: { params: Promise<{ id: string }> }) => {
    const runId = parseRunId((await context.params).id);
    if (runId === null) return jsonNoStore(404, { error: "not_found" });
    const pool = getPool();
    if ((await readRunMode(pool, runId)) === null) return jsonNoStore(404, { error: "not_found" });
    return csvResponse(csvFileName(`run-${runId}-failed-and-flagged`), RUN_ISSUE_HEADER, runIssueRows(pool, runId));
  },
);
