/**
 * Waits until a run is no longer `running`, by polling its row (the run may belong to another
 * process or server instance). A run whose heartbeat goes stale stops the wait with an error
 * instead of hanging the caller.
 */
import { z } from "zod";
import type { Queryable } from "@/lib/db/queryable";

export class RunWaitError extends Error {
  constructor(
    readonly runId: number,
    message: string,
  ) {
    super(message);
    this.name = "RunWaitError";
  }
}

const rowSchema = z.object({ status: z.string(), is_stale: z.boolean() });

export async function waitForRunEnd(
  db: Queryable,
  runId: number,
  options: { pollMs: number; staleAfterMs?: number },
): Promise<string> {
  const staleAfterMs = options.staleAfterMs ?? 120_000;
  for (;;) {
    const { rows } = await db.query(
      `select status, heartbeat_at < now() - make_interval(secs => $2::float8 / 1000) as is_stale from crm_sync.runs where id = $1`,
      [runId, staleAfterMs],
    );
    if (!rows[0]) throw new RunWaitError(runId, `Run #${runId} no longer exists.`);
    const row = rowSchema.parse(rows[0]);
    if (row.status !== "running") return row.status;
    if (row.is_stale)
      throw new RunWaitError(runId, `Run #${runId} stopped sending heartbeats; start the preview again.`);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
  }
}
