/**
 * The Slack-compatible body of a run alert ({text, blocks}). It names the run, its outcome and the
 * run's own message, with every configured secret cut out: run messages quote upstream errors,
 * and an alert channel is read by more people than the server logs.
 */
export interface AlertRun {
  id: number;
  status: string;
  processed: number;
  failed: number;
  message: string | null;
}

export interface AlertMessage {
  text: string;
  blocks: { type: "section"; text: { type: "mrkdwn"; text: string } }[];
}

export type AlertReason = "failed" | "rejected_share";

/** Why this finished live run alerts, or null when it does not. */
export function alertReason(
  run: Pick<AlertRun, "status" | "processed" | "failed">,
  rejectedShare: number,
): AlertReason | null {
  if (run.status === "failed") return "failed";
  if (run.processed > 0 && run.failed / run.processed > rejectedShare) return "rejected_share";
  return null;
}

/** Replaces each secret (and URL credentials and query strings) with a marker. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let redacted = text
    .replace(/(\w+:\/\/)[^\s/@]+@/g, "$1[redacted]@")
    .replace(/(https?:\/\/[^\s?]+)\?\S*/g, "$1?[redacted]");
  for (const secret of secrets) {
    if (secret.length >= 4) redacted = redacted.split(secret).join("[redacted]");
  }
  return redacted;
}

export function buildAlertMessage(
  run: AlertRun,
  reason: AlertReason,
  options: { rejectedShare: number; secrets: readonly string[]; runUrl?: string },
): AlertMessage {
  const percent = run.processed > 0 ? Math.round((run.failed / run.processed) * 1000) / 10 : 0;
  const headline =
    reason === "failed"
      ? `Level Progress CRM Sync: live run #${run.id} failed.`
      : `Level Progress CRM Sync: live run #${run.id} ended with ${run.failed} of ${run.processed} rows rejected by HubSpot (${percent} %, alert above ${Math.round(options.rejectedShare * 1000) / 10} %).`;
  const detail = redactSecrets((run.message ?? "").slice(0, 1500), options.secrets);
  const link = options.runUrl ? `\n<${options.runUrl}|Open run #${run.id}>` : "";
  return {
    text: `${headline} ${detail}`.trim(),
    blocks: [{ type: "section", text: { type: "mrkdwn", text: `*${headline}*\n${detail}${link}` } }],
  };
}
