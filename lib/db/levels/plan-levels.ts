/**
 * Which levels exist (discovery), which are enabled (settings), and what aggregating them needs.
 * Registering newly discovered levels is a write: only the sync and the settings actions call
 * registerAndPlanLevels; page views must not register anything (docs/ARCHITECTURE.md, "Levels").
 */
import type { LevelAggregationInput } from "../aggregate/aggregate-batch";
import type { Queryable } from "../queryable";
import { discoverLevels, type DiscoveryReport } from "./discover-levels";
import {
  loadSyncSettings,
  previewLevelSettings,
  registerDiscoveredLevels,
  type LevelSetting,
  type SyncSettings,
} from "./level-settings";

export interface LevelPlan {
  discovery: DiscoveryReport;
  settings: SyncSettings;
  /** Every known level's settings, CEFR order. */
  levelSettings: LevelSetting[];
  /**
   * Levels first seen now: registered by registerAndPlanLevels; with readLevelPlan, shown as they
   * will be registered (enabled by the same rule) but not written.
   */
  addedLevels: string[];
  /** Enabled in settings AND with a compatible progress table, CEFR order. */
  enabledLevels: string[];
  /** Enabled in settings but unusable right now (table gone or incompatible). */
  unavailableLevels: { level: string; reason: string }[];
  aggregation: LevelAggregationInput[];
}

/** The sync and the settings actions: registers newly discovered levels, then plans. */
export async function registerAndPlanLevels(db: Queryable, sourceSchema = "public"): Promise<LevelPlan> {
  return planLevels(db, sourceSchema, registerDiscoveredLevels);
}

/** Page views and GET routes: the same plan, nothing written (a GET must never change settings). */
export async function readLevelPlan(db: Queryable, sourceSchema = "public"): Promise<LevelPlan> {
  return planLevels(db, sourceSchema, previewLevelSettings);
}

type ResolveSettings = (
  db: Queryable,
  discovered: readonly string[],
) => Promise<{ settings: LevelSetting[]; added: string[] }>;

async function planLevels(db: Queryable, sourceSchema: string, resolveSettings: ResolveSettings): Promise<LevelPlan> {
  const discovery = await discoverLevels(db, sourceSchema);
  const settings = await loadSyncSettings(db);
  const compatible = discovery.levels.filter((level) => level.source !== null);
  const { settings: levelSettings, added } = await resolveSettings(
    db,
    compatible.map((level) => level.level),
  );
  const discovered = new Map(discovery.levels.map((level) => [level.level, level]));
  const aggregation: LevelAggregationInput[] = [];
  const unavailableLevels: LevelPlan["unavailableLevels"] = [];
  for (const setting of levelSettings.filter((candidate) => candidate.enabled)) {
    const found = discovered.get(setting.level);
    if (found?.source) aggregation.push({ source: found.source, unitTotal: setting.unitTotal });
    else if (found)
      unavailableLevels.push({ level: setting.level, reason: `incompatible: ${found.progress.reasons.join("; ")}` });
    else
      unavailableLevels.push({
        level: setting.level,
        reason: `table ${setting.level}_progress not found in schema ${sourceSchema}`,
      });
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
