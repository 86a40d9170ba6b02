import "server-only";
import type pg from "pg";
import { z } from "zod";

const runRowSchema = z.object({
  id: z.coerce.number().int(),
  mode: z.enum(["dry_run", "live"]),
  is_full: z.boolean(),
  trigger: z.enum(["ui", "cli", "cron", "bench"]),
  levels: z.array(z.string()),
  started_by_label: z.string(),
  status: z.enum(["running", "succeeded", "partial", "failed", "cancelled"]),
  processed: z.number().int(),
  upserted: z.number().int(),
  unchanged: z.number().int(),
  failed: z.number().int(),
  invalid: z.number().int(),
  started_at: z.date(),
  finished_at: z.date().nullable(),
});

export type RunSummary = z.infer<typeof runRowSchema>;

/** The newest runs first (served by runs_started_at_idx). */
export async function listRecentRuns(pool: pg.Pool, limit = 25): Promise<RunSummary[]> {
  const { rows } = await pool.query(
    `select id, mode, is_full, trigger, levels, started_by_label, status, processed, upserted,
            unchanged, failed, invalid, started_at, finished_at
       from crm_sync.runs
      order by started_at desc, id desc
      limit $1`,
    [limit],
  );
  return z.array(runRowSchema).parse(rows);
}
