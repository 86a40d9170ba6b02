/**
 * The plan half of "plan, then execute": which enabled levels the request selects and — with
 * planSync — what the HubSpot properties need. Read-only towards HubSpot.
 */
import type { Queryable } from "@/lib/db/queryable";
import { registerAndPlanLevels, type LevelPlan } from "@/lib/db/levels/plan-levels";
import { planProperties, type PropertyPlan, type SyncHubSpotClient } from "@/lib/sync/hubspot-port";
import { toPlanItems } from "./prepare-properties";
import { SyncConfigurationError } from "../sync-errors";
import type { PropertyPlanItem } from "../sync-types";

/** The requested subset, validated, in CEFR order; all enabled levels when none requested. */
export function selectLevels(plan: LevelPlan, requested: readonly string[] | null | undefined): string[] {
  if (!requested || requested.length === 0) return plan.enabledLevels;
  const unknown = requested.filter((level) => !plan.enabledLevels.includes(level));
  if (unknown.length > 0) {
    throw new SyncConfigurationError(
      `Level(s) ${unknown.join(", ")} cannot be synced: not enabled or no compatible table. Enabled levels: ${plan.enabledLevels.join(", ") || "none"}.`,
    );
  }
  return plan.enabledLevels.filter((level) => requested.includes(level));
}

export interface SyncPlan extends LevelPlan {
  levels: string[];
  propertyPlan: PropertyPlanItem[];
  properties: PropertyPlan;
}

export async function planSync(input: {
  pool: Queryable;
  hubspot: SyncHubSpotClient | null;
  levels?: string[];
  sourceSchema?: string;
}): Promise<SyncPlan> {
  const plan = await registerAndPlanLevels(input.pool, input.sourceSchema);
  const levels = selectLevels(plan, input.levels);
  const properties = await planProperties(input.hubspot, plan.enabledLevels);
  return { ...plan, levels, propertyPlan: toPlanItems(properties), properties };
}
