/**
 * One learner's history: every run error, data warning and verify difference recorded for them
 * (crm_sync.run_errors by user_id), newest first, with the run it belongs to. Paged for the page,
 * streamed page by page for the CSV export.
 */
import { z } from "zod";
import type { CsvValue } from "@/lib/csv/encode-csv";
import type { Queryable } from "@/lib/db/queryable";
import type { Page, RunErrorRecord } from "@/lib/sync/runs/read-runs";

/** A run_errors row like a run's error list shows (the user is known here), plus the run it belongs to. */
export interface LearnerHistoryItem extends Omit<RunErrorRecord, "userId"> {
  runId: number;
  runMode: string;
}

export type LearnerHistoryPage = Page<LearnerHistoryItem>;

const historyRowSchema = z.object({
  id: z.coerce.number().int(),
  run_id: z.coerce.number().int(),
  run_mode: z.string(),
  email: z.string().nullable(),
  level: z.string().nullable(),
  kind: z.string(),
  message: z.string(),
  payload: z.unknown(),
  created_at: z.date(),
  total_count: z.coerce.number().int(),
});

const pagingSchema = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(500).default(25),
});

// $4: keyset for the export (rows below this id), so rows recorded during a download neither repeat nor go missing.
const HISTORY_SQL = `select e.id, e.run_id, r.mode as run_mode, e.email, e.level, e.kind, e.message, e.payload, e.created_at,
         count(*) over () as total_count
  from crm_sync.run_errors e join crm_sync.runs r on r.id = e.run_id
  where e.user_id = $1::uuid and ($4::bigint is null or e.id < $4::bigint)
  order by e.id desc limit $2 offset $3`;

async function queryHistory(db: Queryable, userId: string, limit: number, offset: number, beforeId: number | null) {
  const { rows } = await db.query(HISTORY_SQL, [userId, limit, offset, beforeId]);
  return rows.map((raw) => historyRowSchema.parse(raw));
}

export async function listLearnerHistory(
  db: Queryable,
  userId: string,
  paging: { page?: number; pageSize?: number } = {},
): Promise<LearnerHistoryPage> {
  const { page, pageSize } = pagingSchema.parse(paging);
  const parsed = await queryHistory(db, userId, pageSize, (page - 1) * pageSize, null);
  return {
    items: parsed.map((row) => ({
      id: row.id,
      runId: row.run_id,
      runMode: row.run_mode,
      email: row.email,
      level: row.level,
      kind: row.kind,
      message: row.message,
      payload: row.payload ?? null,
      createdAt: row.created_at,
    })),
    total: parsed[0]?.total_count ?? 0,
    page,
    pageSize,
  };
}

export const LEARNER_HISTORY_HEADER = [
  "user_id",
  "run_id",
  "run_mode",
  "email",
  "level",
  "kind",
  "message",
  "payload",
  "recorded_at",
] as const;

const EXPORT_PAGE_SIZE = 500;

/** Newest first, as on the page; a page at a time so a long history never sits in memory whole. */
export async function* learnerHistoryRows(db: Queryable, userId: string): AsyncGenerator<CsvValue[]> {
  for (let beforeId: number | null = null; ;) {
    const rows = await queryHistory(db, userId, EXPORT_PAGE_SIZE, 0, beforeId);
    for (const row of rows) {
      const payload = row.payload === null || row.payload === undefined ? null : JSON.stringify(row.payload);
      yield [userId, row.run_id, row.run_mode, row.email, row.level, row.kind, row.message, payload, row.created_at];
    }
    if (rows.length < EXPORT_PAGE_SIZE) return;
    beforeId = rows.at(-1)!.id;
  }
}
