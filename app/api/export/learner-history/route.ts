import { z } from "zod";
import { jsonNoStore, withStaffRoute } from "@/lib/auth/staff-route";
import { csvFileName, csvResponse } from "@/lib/csv/csv-response";
import { getPool } from "@/lib/db/pool";
import { LEARNER_HISTORY_HEADER, learnerHistoryRows } from "@/lib/learners/list-learner-history";

export const dynamic = "force-dynamic";

const userIdSchema = z.uuid();

/** One learner's run errors, data warnings and verify differences (the lookup shows them 25 at a time) as CSV, newest first. */
export const GET = withStaffRoute("viewer", async (_staff, request: Request) => {
  const parsed = userIdSchema.safeParse(new URL(request.url).searchParams.get("userId")?.trim().toLowerCase());
  if (!parsed.success)
    return jsonNoStore(400, { error: "invalid_input", message: "Pass ?userId=<the learner's user id (uuid)>." });
  return csvResponse(
    csvFileName(`learner-${parsed.data}-history`),
    LEARNER_HISTORY_HEADER,
    learnerHistoryRows(getPool(), parsed.data),
  );
});
