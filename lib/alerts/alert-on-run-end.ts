/**
 * Called once a live run has ended (by "Sync now", the cron route and the CLI): if the run failed or
 * HubSpot rejected more than the set share of its rows, it is marked alerted (the dashboard banner
 * reads that) and, when SYNC_ALERT_WEBHOOK_URL is set, one message is posted. The marking
 * statement is the arbiter: however many callers look at the same run, one of them posts.
 */
import { z } from "zod";
import type { Queryable } from "@/lib/db/queryable";
import { alertReason, buildAlertMessage, type AlertReason } from "./build-alert-message";

export interface AlertConfig {
  webhookUrl: string | undefined;
  rejectedShare: number;
  /** Values that must never appear in a message (tokens, secrets, connection strings). */
  secrets: readonly string[];
  /** Base URL of the dashboard, for a link to the run (optional). */
  appUrl?: string;
}

export class AlertDeliveryError extends Error {
  constructor(
    readonly runId: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AlertDeliveryError";
  }
}

const runSchema = z.object({
  id: z.number().int(),
  status: z.string(),
  processed: z.number().int(),
  failed: z.number().int(),
  message: z.string().nullable(),
});

export type AlertOutcome = { alerted: false } | { alerted: true; reason: AlertReason; posted: boolean };

const DELIVERY_TIMEOUT_MS = 10_000;

export async function alertOnRunEnd(
  db: Queryable,
  runId: number,
  config: AlertConfig,
  post: typeof fetch = fetch,
): Promise<AlertOutcome> {
  const { rows } = await db.query(
    `select id::int as id, status, processed, failed, message from crm_sync.runs
     where id = $1 and mode = 'live' and status not in ('running', 'paused') and alerted_at is null`,
    [runId],
  );
  if (!rows[0]) return { alerted: false };
  const run = runSchema.parse(rows[0]);
  const reason = alertReason(run, config.rejectedShare);
  if (!reason) return { alerted: false };
  const marked = await db.query("update crm_sync.runs set alerted_at = now() where id = $1 and alerted_at is null", [
    runId,
  ]);
  if (marked.rowCount !== 1) return { alerted: false };
  if (!config.webhookUrl) return { alerted: true, reason, posted: false };
  const body = buildAlertMessage(run, reason, {
    rejectedShare: config.rejectedShare,
    secrets: config.secrets,
    runUrl: config.appUrl ? `${config.appUrl}/sync/runs/${runId}` : undefined,
  });
  let response: Response;
  try {
    response = await post(config.webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
  } catch (error) {
    throw new AlertDeliveryError(
      runId,
      `The alert for run #${runId} could not be posted: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  if (!response.ok)
    throw new AlertDeliveryError(runId, `The alert webhook answered ${response.status} for run #${runId}.`);
  return { alerted: true, reason, posted: true };
}
