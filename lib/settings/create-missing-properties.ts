/**
 * "Create missing properties": plans against the portal for the enabled levels and applies the
 * plan (group, properties, missing options). Drifted properties are reported, never changed.
 * The audit row records what was actually created.
 */
import { writeAudit } from "@/lib/audit/write-audit";
import type { Queryable } from "@/lib/db/queryable";
import type { HubSpotClient } from "@/lib/hubspot/client";
import { applyPropertyPlan, type PropertyPlanOutcome } from "@/lib/hubspot/properties/apply-property-plan";
import { planProperties } from "@/lib/hubspot/properties/plan-properties";
import { countPendingChanges } from "./load-property-overview";
import type { SettingsActor } from "./settings-schemas";

export interface CreatePropertiesResult {
  levels: string[];
  /** false when the plan had nothing to create: no HubSpot write, no audit row. */
  isApplied: boolean;
  outcome: PropertyPlanOutcome;
}

export async function createMissingProperties(
  db: Queryable,
  client: HubSpotClient,
  actor: SettingsActor,
  enabledLevels: string[],
): Promise<CreatePropertiesResult> {
  const plan = await planProperties(client, enabledLevels);
  const drift = plan.entries.filter((entry) => entry.action === "drift").map((entry) => entry.name);
  if (countPendingChanges(plan) === 0) {
    return {
      levels: enabledLevels,
      isApplied: false,
      outcome: { createdGroup: false, created: [], optionsUpdated: [], drift, errors: [] },
    };
  }
  const outcome = await applyPropertyPlan(client, plan);
  await writeAudit(db, actor, "properties.create", plan.group.name, {
    levels: enabledLevels,
    createdGroup: outcome.createdGroup,
    created: outcome.created,
    optionsUpdated: outcome.optionsUpdated,
    drift: outcome.drift,
    errors: outcome.errors,
  });
  return { levels: enabledLevels, isApplied: true, outcome };
}
