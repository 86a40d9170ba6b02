/**
 * The audit log: who did what, when. Framework-free; every sync start, settings change,
 * property creation and staff change writes one row (issue #5 checks each of them).
 */
import { z } from "zod";
import type { Queryable } from "@/lib/db/queryable";

export interface AuditActor {
  id?: string | null;
  label: string;
}

export type AuditAction =
  | "sync.start"
  | "sync.preview"
  | "sync.verify"
  | "learner.resend"
  | "settings.update"
  | "level.update"
  | "properties.create"
  | "staff.add"
  | "staff.role_change"
  | "staff.remove";

export async function writeAudit(
  db: Queryable,
  actor: AuditActor,
  action: AuditAction,
  target: string | null,
  details: Record<string, unknown> = {},
): Promise<void> {
  await db.query(
    "insert into crm_sync.audit_log (actor_id, actor_label, action, target, details) values ($1, $2, $3, $4, $5)",
    [actor.id ?? null, actor.label, action, target, JSON.stringify(details)],
  );
}

export interface AuditEntry {
  id: number;
  at: Date;
  actorLabel: string;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
}

const auditRowSchema = z.object({
  id: z.coerce.number(),
  at: z.date(),
  actor_label: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  total: z.coerce.number(),
});

export async function listAudit(
  db: Queryable,
  options: { page?: number; pageSize?: number } = {},
): Promise<{ rows: AuditEntry[]; total: number }> {
  const pageSize = Math.min(Math.max(options.pageSize ?? 25, 1), 200);
  const offset = (Math.max(options.page ?? 1, 1) - 1) * pageSize;
  const { rows } = await db.query(
    `select id, at, actor_label, action, target, details, count(*) over () as total
       from crm_sync.audit_log order by id desc limit $1 offset $2`,
    [pageSize, offset],
  );
  const parsed = z.array(auditRowSchema).parse(rows);
  return {
    rows: parsed.map((row) => ({
      id: row.id,
      at: row.at,
      actorLabel: row.actor_label,
      action: row.action,
      target: row.target,
      details: row.details,
    })),
    total: parsed[0]?.total ?? 0,
  };
}
