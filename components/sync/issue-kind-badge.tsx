import { Badge, type BadgeTone } from "@/components/ui/badge";

const KINDS: Record<string, { tone: BadgeTone; label: string }> = {
  missing_email: { tone: "danger", label: "Missing email" },
  invalid_email: { tone: "danger", label: "Invalid email" },
  duplicate_email: { tone: "warning", label: "Duplicate email" },
  data_warning: { tone: "neutral", label: "Excluded value" },
  invalid_value: { tone: "danger", label: "Invalid value" },
  unknown_property: { tone: "danger", label: "Unknown property" },
  rejected: { tone: "danger", label: "Rejected by HubSpot" },
};

/** Kinds the engine may add later still show, with their raw name. */
export function IssueKindBadge({ kind }: { kind: string }) {
  const known = KINDS[kind];
  return (
    <Badge tone={known?.tone ?? "neutral"} className="whitespace-nowrap">
      {known?.label ?? kind.replaceAll("_", " ")}
    </Badge>
  );
}
