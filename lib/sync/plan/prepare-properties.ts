/**
 * The property step of a run: plan against the portal (or "unverified" without a client), and in
 * live runs create what is missing before any contact is written. Properties that drifted or could
 * not be created are withheld from every payload and recorded once on the run.
 */
import type { Queryable } from "@/lib/db/queryable";
import {
  applyPropertyPlan,
  planProperties,
  withheldProperties,
  type PropertyPlan,
  type SyncHubSpotClient,
} from "@/lib/sync/hubspot-port";
import type { PropertyPlanItem, SyncMode } from "../sync-types";

export interface PreparedProperties {
  plan: PropertyPlan;
  items: PropertyPlanItem[];
  withheld: Set<string>;
  /** What was changed in HubSpot (live only), for the run message. */
  applied: { createdGroup: boolean; created: string[]; optionsUpdated: string[] } | null;
}

export function toPlanItems(plan: PropertyPlan): PropertyPlanItem[] {
  return plan.entries.map(({ name, type, fieldType, groupName, action }) => ({
    name,
    type,
    fieldType,
    groupName,
    action,
  }));
}

export async function prepareProperties(
  db: Queryable,
  runId: number,
  hubspot: SyncHubSpotClient | null,
  mode: SyncMode,
  enabledLevels: readonly string[],
): Promise<PreparedProperties> {
  const plan = await planProperties(hubspot, [...enabledLevels]);
  const outcome = mode === "live" && hubspot ? await applyPropertyPlan(hubspot, plan) : null;
  const withheld = withheldProperties(plan, outcome ?? undefined);
  const problems = [
    ...plan.entries
      .filter((entry) => entry.action === "drift")
      .map((entry) => ({
        kind: "property_drift",
        name: entry.name,
        message: `${entry.name} withheld: ${entry.reason ?? "type differs in HubSpot"}. Fix the property in HubSpot to sync it again.`,
      })),
    ...(outcome?.errors ?? []).map((error) => ({
      kind: "property_error",
      name: error.name,
      message: `${error.name} withheld: ${error.message}`,
    })),
  ];
  if (problems.length > 0) {
    await db.query(
      `insert into crm_sync.run_errors (run_id, kind, message, payload)
       select $1, p.kind, p.message, jsonb_build_object('property', p.name)
       from jsonb_to_recordset($2::jsonb) as p(kind text, name text, message text)`,
      [runId, JSON.stringify(problems)],
    );
  }
  return {
    plan,
    items: toPlanItems(plan),
    withheld,
    applied: outcome
      ? { createdGroup: outcome.createdGroup, created: outcome.created, optionsUpdated: outcome.optionsUpdated }
      : null,
  };
}
