/**
 * A run's failed and flagged rows (crm_sync.run_errors) as CSV rows, read page by page so a run with
 * many thousands of issues streams instead of loading at once.
 */
import { z } from "zod";
import type { CsvValue } from "@/lib/csv/encode-csv";
import type { Queryable } from "@/lib/db/queryable";
import { listRunErrors } from "@/lib/sync";

export const RUN_ISSUE_HEADER = [
  "run_id",
  "email",
  "user_id",
  "level",
  "kind",
  "message",
  "payload_sent",
  "recorded_at",
] as const;

const PAGE_SIZE = 500;

/** The run's mode, or null when there is no such run. */
export async function readRunMode(db: Queryable, runId: number): Promise<"live" | "dry_run" | "verify" | null> {
  const { rows } = await db.query("select mode from crm_sync.runs where id = $1", [runId]);
  return rows[0] ? z.enum(["live", "dry_run", "verify"]).parse(rows[0].mode) : null;
}

export async function* runIssueRows(db: Queryable, runId: number): AsyncGenerator<CsvValue[]> {
  for (let page = 1; ; page += 1) {
    const { items } = await listRunErrors(db, runId, { page, pageSize: PAGE_SIZE });
    for (const item of items) {
      yield [
        runId,
        item.email,
        item.userId,
        item.level,
        item.kind,
        item.message,
        item.payload === null ? null : JSON.stringify(item.payload),
        item.createdAt,
      ];
    }
    if (items.length < PAGE_SIZE) return;
  }
}
