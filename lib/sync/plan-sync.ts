/**
 * The plan half of "plan, then execute": which levels exist (discovery), which are enabled
 * (settings, with new levels registered), which the request selects, and — with planSync — what the
 * HubSpot properties need. Read-only towards HubSpot; the dashboard uses it for settings pages.
 */
import type { LevelAggregationInput } from "@/lib/db/aggregate-batch";
import { discoverLevels, type DiscoveryReport } from "@/lib/db/discover-levels";
import type { Queryable } from "@/lib/db/queryable";
import { loadSyncSettings, syncLevelSettings, type LevelSetting, type SyncSettings } from "@/lib/db/sync-level-settings";
import { planProperties, type PropertyPlan, type SyncHubSpotClient } from "./hubspot-port";
import { toPlanItems } from "./prepare-properties";
import { SyncConfigurationError } from "./sync-errors";
import type { PropertyPlanItem } from "./sync-types";

export interface LevelPlan {
  discovery: DiscoveryReport;
  settings: SyncSettings;
  /** Every known level's settings, CEFR order. */
  levelSettings: LevelSetting[];
  /** Levels registered by this call (first seen now). */
  addedLevels: string[];
  /** Enabled in settings AND with a compatible progress table, CEFR order. */
  enabledLevels: string[];
  /** Enabled in settings but unusable right now (table gone or incompatible). */
  unavailableLevels: { level: string; reason: string }[];
  aggregation: LevelAggregationInput[];
}

export async function planLevels(db: Queryable, sourceSchema = "public"): Promise<LevelPlan> {
  const discovery = await discoverLevels(db, sourceSchema);
  const settings = await loadSyncSettings(db);
  const compatible = discovery.levels.filter((level) => level.source !== null);
  const { settings: levelSettings, added } = await syncLevelSettings(db, compatible.map((level) => level.level));
  const discovered = new Map(discovery.levels.map((level) => [level.level, level]));
  const aggregation: LevelAggregationInput[] = [];
  const unavailableLevels: LevelPlan["unavailableLevels"] = [];
  for (const setting of levelSettings.filter((candidate) => candidate.enabled)) {
    const found = discovered.get(setting.level);
    if (found?.source) aggregation.push({ source: found.source, unitTotal: setting.unitTotal });
    else if (found) unavailableLevels.push({ level: setting.level, reason: `incompatible: ${found.progress.reasons.join("; ")}` });
    else unavailableLevels.push({ level: setting.level, reason: `table ${setting.level}_progress not found in schema ${sourceSchema}` });
  }
  return {
    discovery,
    settings,
    levelSettings,
    addedLevels: added,
    enabledLevels: aggregation.map((input) => input.source.level),
    unavailableLevels,
    aggregation,
  };
}

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
  const plan = await planLevels(input.pool, input.sourceSchema);
  const levels = selectLevels(plan, input.levels);
  const properties = await planProperties(input.hubspot, plan.enabledLevels);
  return { ...plan, levels, propertyPlan: toPlanItems(properties), properties };
}
