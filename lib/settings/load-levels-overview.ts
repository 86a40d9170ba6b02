/**
 * What the Levels card shows: every discovered `{level}_progress` table (compatible or why not),
 * its rows and learners, and the level's settings. A new table shows up with the setting the next
 * sync will register for it; the page itself writes nothing (a GET never registers levels).
 */
import type pg from "pg";
import { countPerTable, countTableRows } from "@/lib/health/list-level-tables";
import { readLevelPlan, type SyncSettings } from "@/lib/sync";
import { cacheBriefly } from "./cache-briefly";
import { readCaptureStates, type LevelCaptureState } from "@/lib/db/capture/ensure-capture";

export interface LevelOverview {
  level: string;
  table: string;
  isCompatible: boolean;
  reasons: string[];
  warnings: string[];
  /** Registered in crm_sync.level_settings (compatible tables are, on discovery). */
  isRegistered: boolean;
  enabled: boolean;
  unitTotal: number | null;
  rows: number | null;
  rowsEstimated: boolean;
  /** Distinct user_id with a progress row; null when the table is too big to count on a page view. */
  learners: number | null;
  /** Change capture of an enabled level: triggers (runs re-aggregate only changed learners) or full_scan, and why; null before its first run. */
  capture: Pick<LevelCaptureState, "mode" | "reason" | "factsBuiltAt"> | null;
}

export interface LevelsOverview {
  schema: string;
  settings: SyncSettings;
  levels: LevelOverview[];
  /** Enabled in settings but whose table is gone. */
  missingLevels: string[];
  ignoredTables: { table: string; reason: string }[];
}

const LEARNER_COUNT_LIMIT = 1_000_000;
/** How long the counts of one schema's level tables are reused (cache-briefly.ts). */
export const COUNTS_TTL_MS = 30_000;

export async function loadLevelsOverview(db: pg.Pool, sourceSchema = "public"): Promise<LevelsOverview> {
  const plan = await readLevelPlan(db, sourceSchema);
  const tables = plan.discovery.levels.map((level) => level.progress.table);
  const compatible = new Set(
    plan.discovery.levels.filter((level) => level.source !== null).map((level) => level.progress.table),
  );
  // Exact counts scan whole tables: computed once for all viewers and reused for COUNTS_TTL_MS.
  const { rowsByTable, learners } = await cacheBriefly(
    `levels-overview|${db.options.connectionString ?? ""}|${sourceSchema}|${tables.join(",")}`,
    COUNTS_TTL_MS,
    async () => {
      const rowsByTable = await countTableRows(db, sourceSchema, tables);
      const countable = tables.filter(
        (table) => compatible.has(table) && (rowsByTable.get(table)?.rows ?? 0) <= LEARNER_COUNT_LIMIT,
      );
      return { rowsByTable, learners: await countPerTable(db, sourceSchema, countable, "count(distinct user_id)") };
    },
  );
  const settingsByLevel = new Map(plan.levelSettings.map((setting) => [setting.level, setting]));
  const captureStates = await readCaptureStates(db);
  const discovered = new Set(plan.discovery.levels.map((level) => level.level));
  return {
    schema: sourceSchema,
    settings: plan.settings,
    levels: plan.discovery.levels.map((level) => {
      const setting = settingsByLevel.get(level.level);
      const rows = rowsByTable.get(level.progress.table);
      return {
        level: level.level,
        table: level.progress.table,
        isCompatible: level.source !== null,
        reasons: level.progress.reasons,
        warnings: [...level.progress.warnings, ...(level.milestones?.warnings ?? [])],
        isRegistered: setting !== undefined,
        enabled: setting?.enabled ?? false,
        unitTotal: setting?.unitTotal ?? null,
        rows: rows?.rows ?? null,
        rowsEstimated: rows?.estimated ?? false,
        learners: learners.get(level.progress.table) ?? null,
        capture: captureStates.get(level.level) ?? null,
      };
    }),
    missingLevels: plan.levelSettings
      .filter((setting) => setting.enabled && !discovered.has(setting.level))
      .map((setting) => setting.level),
    ignoredTables: plan.discovery.ignoredTables,
  };
}
