/**
 * Brings capture in line with the level settings before a run plans its learners: triggers on
 * every enabled level (levels may be enabled by discovery, not only on the settings page), none
 * on levels that were disabled. When nothing changed: two catalog/state reads and one no-op
 * upsert, whatever the number of levels.
 */
import { z } from "zod";
import type { Database, Queryable } from "../queryable";
import type { LevelPlan } from "../levels/plan-levels";
import { captureTables } from "./capture-triggers";
import { installCapture, readCaptureCatalog, removeLevelCapture, type CaptureMode } from "./install-level-capture";

export interface LevelCaptureState {
  level: string;
  mode: CaptureMode;
  reason: string | null;
  installedAt: Date | null;
  factsBuiltAt: Date | null;
  factsMilestoneKey: string | null;
}

const stateRowSchema = z.object({
  level: z.string(),
  mode: z.enum(["triggers", "full_scan"]),
  reason: z.string().nullable(),
  installed_at: z.date().nullable(),
  facts_built_at: z.date().nullable(),
  facts_milestone_key: z.string().nullable(),
});

export async function readCaptureStates(db: Queryable): Promise<Map<string, LevelCaptureState>> {
  const { rows } = await db.query(
    "select level, mode, reason, installed_at, facts_built_at, facts_milestone_key from crm_sync.level_capture",
  );
  return new Map(
    rows.map((raw) => {
      const row = stateRowSchema.parse(raw);
      const state: LevelCaptureState = {
        level: row.level,
        mode: row.mode,
        reason: row.reason,
        installedAt: row.installed_at,
        factsBuiltAt: row.facts_built_at,
        factsMilestoneKey: row.facts_milestone_key,
      };
      return [row.level, state] as const;
    }),
  );
}

export async function ensureCapture(db: Database, plan: LevelPlan): Promise<Map<string, LevelCaptureState>> {
  const sources = plan.aggregation.map((input) => input.source);
  const catalog = await readCaptureCatalog(db, plan.discovery.schema, sources.flatMap(captureTables));
  await installCapture(db, sources, catalog);
  const states = await readCaptureStates(db);
  const enabledTables = new Set(
    sources.flatMap((source) => captureTables(source).map((table) => `${source.schema}.${table}`)),
  );
  const stray = new Set(
    catalog
      .filter((row) => row.triggers > 0 && !enabledTables.has(`${row.schema}.${row.table_name}`))
      .map((row) => row.table_name.replace(/_(progress|milestones)$/, "")),
  );
  for (const level of new Set([...states.keys(), ...stray])) {
    if (plan.enabledLevels.includes(level)) continue;
    await removeLevelCapture(db, level, plan.discovery.schema);
    states.delete(level);
  }
  return states;
}
