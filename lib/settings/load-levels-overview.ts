/**
 * What the Levels card shows: every discovered `{level}_progress` table (compatible or why not),
 * its rows and learners, and the level's settings. Planning registers newly discovered levels, the
 * same way a sync would, so a new table shows up here with the setting the next run will use.
 */
import pg from "pg";
import { z } from "zod";
import type { Queryable } from "@/lib/db/queryable";
import { listLevelTables } from "@/lib/health/list-level-tables";
import { registerAndPlanLevels, type SyncSettings } from "@/lib/sync";

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
const learnerRowSchema = z.object({ table: z.string(), learners: z.number() });

export async function loadLevelsOverview(db: pg.Pool, sourceSchema = "public"): Promise<LevelsOverview> {
  const plan = await registerAndPlanLevels(db, sourceSchema);
  const tables = await listLevelTables(db, sourceSchema);
  const rowsByTable = new Map(tables.map((table) => [table.table, table]));
  const countable = plan.discovery.levels
    .filter((level) => level.source !== null && (rowsByTable.get(level.progress.table)?.rows ?? 0) <= LEARNER_COUNT_LIMIT)
    .map((level) => level.progress.table);
  const learners = await countLearners(db, sourceSchema, countable);
  const settingsByLevel = new Map(plan.levelSettings.map((setting) => [setting.level, setting]));
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
      };
    }),
    missingLevels: plan.levelSettings.filter((setting) => setting.enabled && !discovered.has(setting.level)).map((setting) => setting.level),
    ignoredTables: plan.discovery.ignoredTables,
  };
}

/** One statement for all tables (a round trip per table adds up on a remote database). */
async function countLearners(db: Queryable, schema: string, tables: string[]): Promise<Map<string, number>> {
  if (tables.length === 0) return new Map();
  const quotedSchema = pg.escapeIdentifier(schema);
  const sql = tables
    .map((table, index) => `select $${index + 1}::text as "table", count(distinct user_id)::float8 as learners from ${quotedSchema}.${pg.escapeIdentifier(table)}`)
    .join(" union all ");
  const { rows } = await db.query(sql, tables);
  return new Map(z.array(learnerRowSchema).parse(rows).map((row) => [row.table, row.learners]));
}
