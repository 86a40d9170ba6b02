/** Shared set-up of the bad-input tests: one good learner next to the bad ones. */
import { addLearners, addProgress, createLevel, type ProgressRow } from "./source-fixtures";
import type { SyncHarness } from "./sync-harness";

export const GOOD = "good@example.com";

/** One good learner plus the given ones, each with one completed a1 unit (unless told otherwise). */
export async function learnersWith(
  h: SyncHarness,
  emails: (string | null)[],
  rows: (ids: string[]) => ProgressRow[] = (ids) => ids.map((userId) => ({ userId, unitId: 1 })),
) {
  await createLevel(h.db.pool, "a1");
  const ids = await addLearners(h.db.pool, [{ email: GOOD }, ...emails.map((email) => ({ email }))]);
  await addProgress(h.db.pool, "a1", rows(ids));
  return ids;
}

export async function issuesOf(h: SyncHarness, runId: number) {
  const { rows } = await h.db.pool.query(
    "select kind, email, message from crm_sync.run_errors where run_id = $1 order by id",
    [runId],
  );
  return rows as { kind: string; email: string; message: string }[];
}
