import { CreatePropertiesButton } from "@/components/settings/create-properties-button";
import { PROPERTY_ACTION_LABELS } from "@/lib/contracts/property-actions";
import { PropertyPlanTable } from "@/components/properties/property-plan-table";
import { ReadOnlyNote } from "@/components/settings/read-only-note";
import { SectionError } from "@/components/settings/section-error";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { CardContent } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { StaffRole } from "@/lib/auth/roles";
import { serverEnv } from "@/lib/config/env";
import { getPool } from "@/lib/db/pool";
import { createHubSpotClientFromEnv } from "@/lib/hubspot/create-hubspot-client-from-env";
import { loadPropertyOverview } from "@/lib/settings/load-property-overview";
import { readLevelPlan } from "@/lib/sync";
import { loadSection } from "./load-section";

export async function PropertiesSection({ role }: { role: StaffRole }) {
  const env = serverEnv();
  const result = await loadSection("HubSpot properties", async () => {
    const { enabledLevels } = await readLevelPlan(getPool(), env.SOURCE_SCHEMA);
    return loadPropertyOverview(createHubSpotClientFromEnv(env, "read"), enabledLevels);
  });
  if (!result.ok) return <SectionError what="HubSpot properties" reference={result.reference} />;
  const overview = result.data;
  const canEdit = role === "admin";

  if (overview.kind === "not_configured") {
    return (
      <CardContent>
        <Alert tone="warning" title="HubSpot not configured">
          Set <code className="font-mono">HUBSPOT_ACCESS_TOKEN</code> (a private-app token) on the server to compare and
          create the properties.
        </Alert>
      </CardContent>
    );
  }
  if (overview.kind === "error") {
    return (
      <CardContent>
        <Alert tone="error" title={`HubSpot: ${overview.category}`}>
          {overview.message}
        </Alert>
      </CardContent>
    );
  }
  const { plan, pending } = overview;
  if (overview.levels.length === 0)
    return <EmptyState title="No levels are enabled">Enable a level above to see the properties it needs.</EmptyState>;
  return (
    <>
      <CardContent className="flex flex-wrap items-start justify-between gap-4 border-b border-slate-100">
        <div className="flex flex-col gap-1 text-sm text-slate-700">
          <p>
            Group <code className="font-mono">{plan.group.name}</code>:{" "}
            <Badge tone={plan.group.action === "exists" ? "success" : "warning"}>
              {PROPERTY_ACTION_LABELS[plan.group.action].label}
            </Badge>
            {plan.group.existingLabel ? (
              <span className="ml-2 text-xs">(labelled “{plan.group.existingLabel}” in HubSpot)</span>
            ) : null}
          </p>
          <p className="text-xs text-slate-600">
            For the enabled levels {overview.levels.join(", ")}:{" "}
            {pending === 0 ? "nothing to create." : `${pending} change${pending === 1 ? "" : "s"} to make.`}
          </p>
        </div>
        {canEdit ? <CreatePropertiesButton pending={pending} /> : <ReadOnlyNote role={role} what="create properties" />}
      </CardContent>
      <PropertyPlanTable entries={plan.entries} foreign={plan.foreign} />
    </>
  );
}
