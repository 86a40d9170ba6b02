/**
 * Reads a stored preview (a dry run's plan in crm_sync.preview_plans / preview_batches, its issues
 * in run_errors) a page at a time: the browser gets batch N of M, never the whole plan.
 */
import { z } from "zod";
import type { Queryable } from "@/lib/db/queryable";
import { readQuotaEstimate } from "@/lib/db/capture/estimate-quota-days";
import type { PropertyPlanItem } from "../sync-types";

export interface PreviewSummary {
  runId: number;
  status: string;
  levels: string[];
  propertyPlan: PropertyPlanItem[];
  summary: { learners: number; toUpsert: number; unchanged: number; invalid: number };
  batchCount: number;
  issueCount: number;
  durationMs: number;
  message: string | null;
  /** False when the run ended without a stored plan (failed, cancelled, or pruned by retention). */
  isStored: boolean;
}

const planItemSchema = z.object({
  name: z.string(),
  type: z.string(),
  fieldType: z.string(),
  groupName: z.string(),
  action: z.enum(["create", "exists", "update_options", "drift", "unverified"]),
});

const summaryRowSchema = z.object({
  id: z.number().int(),
  mode: z.literal("dry_run"),
  status: z.string(),
  levels: z.array(z.string()),
  processed: z.number().int(),
  upserted: z.number().int(),
  failed: z.number().int(),
  unchanged: z.number().int(),
  invalid: z.number().int(),
  message: z.string().nullable(),
  duration_ms: z.number(),
  property_plan: z.array(planItemSchema).nullable(),
  batch_count: z.number().int().nullable(),
  /** The document's summary, stored when the preview ended (null while it runs, and for older previews). */
  stored_summary: z
    .object({
      learners: z.number().int(),
      toUpsert: z.number().int(),
      unchanged: z.number().int(),
      invalid: z.number().int(),
    })
    .nullable(),
  issue_count: z.number().int(),
});

/** Null when `runId` is no dry run. */
export async function readPreviewSummary(db: Queryable, runId: number): Promise<PreviewSummary | null> {
  const { rows } = await db.query(
    `select r.id::int as id, r.mode, r.status, r.levels, r.processed, r.upserted, r.failed, r.unchanged, r.invalid, r.message,
       extract(epoch from (coalesce(r.finished_at, now()) - r.started_at)) * 1000 as duration_ms,
       p.property_plan, p.batch_count, p.summary as stored_summary,
       (select count(*) from crm_sync.run_errors e where e.run_id = r.id and e.user_id is not null)::int as issue_count
     from crm_sync.runs r left join crm_sync.preview_plans p on p.run_id = r.id
     where r.id = $1 and r.mode = 'dry_run'`,
    [runId],
  );
  if (!rows[0]) return null;
  const row = summaryRowSchema.parse({ ...rows[0], duration_ms: Number(rows[0].duration_ms) });
  // Key order as in the document (jsonb keeps its own).
  const stored = row.stored_summary;
  return {
    runId: row.id,
    status: row.status,
    levels: row.levels,
    propertyPlan: row.property_plan ?? [],
    summary: stored
      ? { learners: stored.learners, toUpsert: stored.toUpsert, unchanged: stored.unchanged, invalid: stored.invalid }
      : {
          learners: row.processed,
          toUpsert: row.upserted + row.failed,
          unchanged: row.unchanged,
          invalid: row.invalid,
        },
    batchCount: row.batch_count ?? 0,
    issueCount: row.issue_count,
    durationMs: Math.round(row.duration_ms),
    message: row.message,
    isStored: row.batch_count !== null,
  };
}

/** Batch `seq` (1-based) as the exact JSON text a live run would POST; null when there is none. */
export async function readPreviewBatch(db: Queryable, runId: number, seq: number): Promise<string | null> {
  const { rows } = await db.query(
    "select body::text as body from crm_sync.preview_batches where run_id = $1 and seq = $2",
    [runId, seq],
  );
  return rows[0] ? z.string().parse(rows[0].body) : null;
}

/** A data issue as the dry-run document lists it (SyncIssue, with the kind as stored). */
export interface PreviewIssue {
  userId: string;
  email: string;
  kind: string;
  message: string;
}

const issueRowSchema = z.object({
  id: z.number().int(),
  user_id: z.string(),
  email: z.string().nullable(),
  kind: z.string(),
  message: z.string(),
});

/**
 * Issues of the preview's learners after `afterId`, in the order the run recorded them (run-wide
 * notes such as property drift have no learner and are not data issues).
 */
export async function readPreviewIssuesAfter(
  db: Queryable,
  runId: number,
  afterId: number,
  limit: number,
): Promise<{ items: PreviewIssue[]; lastId: number }> {
  const { rows } = await db.query(
    `select id::int as id, user_id::text as user_id, email, kind, message from crm_sync.run_errors
     where run_id = $1 and user_id is not null and id > $2 order by id limit $3`,
    [runId, afterId, limit],
  );
  const parsed = rows.map((row) => issueRowSchema.parse(row));
  return {
    items: parsed.map((row) => ({ userId: row.user_id, email: row.email ?? "", kind: row.kind, message: row.message })),
    lastId: parsed.at(-1)?.id ?? afterId,
  };
}

/** One page of the preview's data issues, with their total. */
export async function readPreviewIssues(
  db: Queryable,
  runId: number,
  paging: { page: number; pageSize: number },
): Promise<{ items: PreviewIssue[]; total: number; page: number; pageSize: number }> {
  const { rows } = await db.query(
    `select id::int as id, user_id::text as user_id, email, kind, message, count(*) over ()::int as total_count
     from crm_sync.run_errors where run_id = $1 and user_id is not null order by id limit $2 offset $3`,
    [runId, paging.pageSize, (paging.page - 1) * paging.pageSize],
  );
  const items = rows
    .map((row) => issueRowSchema.parse(row))
    .map((row) => ({ userId: row.user_id, email: row.email ?? "", kind: row.kind, message: row.message }));
  return {
    items,
    total: rows[0] ? z.number().int().parse(rows[0].total_count) : 0,
    page: paging.page,
    pageSize: paging.pageSize,
  };
}

/** What a preview says about HubSpot's daily quota (docs/ARCHITECTURE.md, "Daily quota"). */
export interface PreviewQuota {
  /** HubSpot calls the plan's batches take, and the configured daily quota. */
  calls: number;
  dailyQuota: number;
  /** What is left of today's quota (the account's day) and the part of the plan that fits in it. */
  remainingToday: number;
  todayCalls: number;
  todayContacts: number;
  /** Account days the sync spans (1: it all goes today). */
  days: number;
  timeZone: string;
  /** ISO instant of the account's next midnight, when the quota resets. */
  resetsAt: string;
  message: string;
}

/**
 * The quota estimate of a stored preview, against the quota and today's usage as they are now (not
 * when the preview ran): how many days the sync needs and which part goes today.
 */
export async function readPreviewQuota(
  db: Queryable,
  preview: Pick<PreviewSummary, "batchCount" | "summary">,
  nowMs: number = Date.now(),
): Promise<PreviewQuota> {
  const estimate = await readQuotaEstimate(db, { calls: preview.batchCount, toSend: preview.summary.toUpsert }, nowMs);
  return {
    calls: estimate.calls,
    dailyQuota: estimate.dailyQuota,
    remainingToday: estimate.remainingToday,
    todayCalls: estimate.todayCalls,
    todayContacts: estimate.todayContacts,
    days: estimate.days,
    timeZone: estimate.timeZone,
    resetsAt: estimate.resetsAt.toISOString(),
    message: estimate.message,
  };
}
