/**
 * What the HubSpot properties card shows: the property plan for the enabled levels (the same plan
 * the dry run shows and "Create missing properties" executes), or why there is none.
 */
import type { HubSpotClient } from "@/lib/hubspot/client";
import { describeHubSpotError } from "@/lib/health/describe-error";
import { isHubSpotError, type HubSpotErrorCategory } from "@/lib/hubspot/errors";
import { planProperties, type PropertyPlan } from "@/lib/hubspot/properties/plan-properties";

export type PropertyOverview =
  | { kind: "not_configured"; levels: string[] }
  | { kind: "error"; levels: string[]; category: HubSpotErrorCategory; message: string }
  | { kind: "plan"; levels: string[]; plan: PropertyPlan; pending: number };

/** Entries "Create missing properties" would change (drift is never changed by us). */
export function countPendingChanges(plan: PropertyPlan): number {
  const entries = plan.entries.filter((entry) => entry.action === "create" || entry.action === "update_options").length;
  return entries + (plan.group.action === "create" ? 1 : 0);
}

export async function loadPropertyOverview(
  client: HubSpotClient | null,
  enabledLevels: string[],
): Promise<PropertyOverview> {
  if (client === null) return { kind: "not_configured", levels: enabledLevels };
  try {
    const plan = await planProperties(client, enabledLevels);
    return { kind: "plan", levels: enabledLevels, plan, pending: countPendingChanges(plan) };
  } catch (error) {
    // HubSpot's answer is part of the page (a revoked token is something an admin must see), anything else is a bug.
    if (!isHubSpotError(error)) throw error;
    return {
      kind: "error",
      levels: enabledLevels,
      category: error.category,
      message: describeHubSpotError(error.category),
    };
  }
}
