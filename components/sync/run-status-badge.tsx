import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { RunStatus } from "@/lib/sync/runs/run-row";

const STATUS: Record<RunStatus, { tone: BadgeTone; label: string }> = {
  running: { tone: "brand", label: "Running" },
  paused: { tone: "warning", label: "Paused" },
  interrupted: { tone: "warning", label: "Interrupted" },
  succeeded: { tone: "success", label: "Succeeded" },
  partial: { tone: "warning", label: "Partial" },
  failed: { tone: "danger", label: "Failed" },
  cancelled: { tone: "neutral", label: "Cancelled" },
};

export function RunStatusBadge({ status }: { status: RunStatus }) {
  return <Badge tone={STATUS[status].tone}>{STATUS[status].label}</Badge>;
}
