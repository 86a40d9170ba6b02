/**
 * Where a chain of live runs has got to: from any run, follow `resumed_by_run_id` to the newest
 * continuation. The durable driver of "Sync now" (lib/sync/durable) reads it before each chunk, so a
 * retried step sees what its earlier attempt (or the cron, or another start) did since.
 */
import { z } from "zod";
import type { Queryable } from "@/lib/db/queryable";
import { RUN_COLUMNS, parseRunRow, type RunRecord } from "./run-row";

export interface ChainEnd {
  run: RunRecord;
  /** The lease the run is held by (null for rows claimed before leases existed). */
  leaseToken: string | null;
  /** Running, and its heartbeat older than the stale threshold: its process is gone. */
  isStale: boolean;
}

const extraSchema = z.object({ lease_token: z.string().nullable(), is_stale: z.boolean() });

export async function readChainEnd(db: Queryable, runId: number, staleAfterMs: number): Promise<ChainEnd | null> {
  const { rows } = await db.query(
    `with recursive chain (id, depth) as (
       select id, 0 from crm_sync.runs where id = $1 and mode = 'live'
       union all
       select r.resumed_by_run_id, c.depth + 1
         from chain c join crm_sync.runs r on r.id = c.id
        where r.resumed_by_run_id is not null
     )
     select ${RUN_COLUMNS}, lease_token::text as lease_token,
            status = 'running' and heartbeat_at < now() - make_interval(secs => $2::float8 / 1000) as is_stale
       from crm_sync.runs
      where id = (select id from chain order by depth desc limit 1)`,
    [runId, staleAfterMs],
  );
  if (!rows[0]) return null;
  const extra = extraSchema.parse(rows[0]);
  return { run: parseRunRow(rows[0]), leaseToken: extra.lease_token, isStale: extra.is_stale };
}
