/** The dashboard's sync health card: the latest live run (previews are not syncs). */
import type { Queryable } from "@/lib/db/queryable";
import { listRuns } from "./read-runs";
import type { SyncHealth } from "@/lib/contracts/kpis-response";

export async function readSyncHealth(db: Queryable): Promise<SyncHealth> {
  const { items } = await listRuns(db, { page: 1, pageSize: 1, mode: "live" });
  const run = items[0];
  if (!run) return { lastRun: null };
  return {
    lastRun: {
      id: run.id,
      status: run.status,
      trigger: run.trigger,
      startedByLabel: run.startedByLabel,
      startedAt: run.startedAt.toISOString(),
      finishedAt: run.finishedAt?.toISOString() ?? null,
      upserted: run.upserted,
      unchanged: run.unchanged,
      failed: run.failed,
      invalid: run.invalid,
    },
  };
}
