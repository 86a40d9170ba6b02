/**
 * The dashboard banner: the newest alerted live run, unless a later live run succeeded. Reads
 * through runs_alerted_idx and the live-runs index, so it costs the same whatever the history.
 */
import { z } from "zod";
import type { Queryable } from "@/lib/db/queryable";

export interface ActiveAlert {
  runId: number;
  status: string;
  processed: number;
  failed: number;
  message: string | null;
  finishedAt: Date | null;
}

const rowSchema = z.object({
  id: z.number().int(),
  status: z.string(),
  processed: z.number().int(),
  failed: z.number().int(),
  message: z.string().nullable(),
  finished_at: z.date().nullable(),
});

export async function readActiveAlert(db: Queryable): Promise<ActiveAlert | null> {
  const { rows } = await db.query(
    `select a.id::int as id, a.status, a.processed, a.failed, a.message, a.finished_at
     from (select * from crm_sync.runs where alerted_at is not null order by id desc limit 1) a
     where not exists (select 1 from crm_sync.runs later where later.mode = 'live' and later.id > a.id and later.status = 'succeeded')`,
  );
  if (!rows[0]) return null;
  const row = rowSchema.parse(rows[0]);
  return {
    runId: row.id,
    status: row.status,
    processed: row.processed,
    failed: row.failed,
    message: row.message,
    finishedAt: row.finished_at,
  };
}
