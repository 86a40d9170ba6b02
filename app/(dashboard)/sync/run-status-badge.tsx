import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { RunSummary } from "./list-recent-runs";

const STATUS: Record<RunSummary["status"], { tone: BadgeTone; label: string }> = {
  running: { tone: "brand", label: "Running" },
  succeeded: { tone: "success", label: "Succeeded" },
  partial: { tone: "warning", label: "Partial" },
  failed: { tone: "danger", label: "Failed" },
  cancelled: { tone: "neutral", label: "Cancelled" },
};

export function RunStatusBadge({ status }: { status: RunSummary["status"] }) {
  return <Badge tone={STATUS[status].tone}>{STATUS[status].label}</Badge>;
}
