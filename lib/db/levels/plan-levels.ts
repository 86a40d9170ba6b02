/**
 * Which levels exist (discovery), which are enabled (settings), and what aggregating them needs.
 * Registering newly discovered levels is a write: only the sync and the settings actions call
 * registerAndPlanLevels; page views must not register anything (docs/ARCHITECTURE.md, "Levels").
 */
import type { LevelAggregationInput } from "../aggregate/aggregate-batch";
import type { Queryable } from "../queryable";
import { discoverLevels, type DiscoveryReport } from "./discover-levels";
import { loadSyncSettings, registerDiscoveredLevels, type LevelSetting, type SyncSettings } from "./level-settings";

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

export async function registerAndPlanLevels(db: Queryable, sourceSchema = "public"): Promise<LevelPlan> {
  const discovery = await discoverLevels(db, sourceSchema);
  const settings = await loadSyncSettings(db);
  const compatible = discovery.levels.filter((level) => level.source !== null);
  const { settings: levelSettings, added } = await registerDiscoveredLevels(db, compatible.map((level) => level.level));
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
