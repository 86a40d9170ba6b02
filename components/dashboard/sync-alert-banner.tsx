import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import type { ActiveAlert } from "@/lib/alerts/read-alert-state";

/**
 * The newest live run that alerted (failed, or too many rows rejected by HubSpot), shown until a
 * later live run succeeds (readActiveAlert). The same runs post to SYNC_ALERT_WEBHOOK_URL.
 */
export function SyncAlertBanner({ alert }: { alert: ActiveAlert | null }) {
  if (!alert) return null;
  const title =
    alert.status === "failed"
      ? `Live sync #${alert.runId} failed`
      : `Live sync #${alert.runId} ended with ${alert.failed.toLocaleString("en-US")} of ${alert.processed.toLocaleString("en-US")} rows rejected by HubSpot`;
  return (
    <Alert tone="error" title={title} className="mb-6">
      <p>{alert.message ?? "No details were recorded."}</p>
      <p className="mt-2">
        <Link className="font-medium underline" href={`/sync/runs/${alert.runId}`}>
          Open run #{alert.runId}
        </Link>{" "}
        · This notice stays until a later live sync succeeds.
      </p>
    </Alert>
  );
}
