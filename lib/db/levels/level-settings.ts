/**
 * Global and per-level settings. Newly discovered compatible levels are registered here; they are
 * enabled when `settings.auto_enable_new_levels` is on AND the name looks like a CEFR level
 * (AUTO_ENABLE_LEVEL_PATTERN), so a backup table such as `old_a1_progress` is listed for an admin
 * but never synced on its own. Existing rows are never changed.
 */
import { z } from "zod";
import { sortLevels } from "@/lib/contracts/levels-order";
import { AUTO_ENABLE_LEVEL_PATTERN } from "@/lib/contracts/names";
import type { Queryable } from "../queryable";

const settingsRowSchema = z.object({
  auto_enable_new_levels: z.boolean(),
  completion_milestone_key: z.string().min(1),
});

const levelSettingRowSchema = z.object({
  level: z.string(),
  enabled: z.boolean(),
  unit_total: z.number().int().nullable(),
  discovered_at: z.date(),
});

export interface SyncSettings {
  autoEnableNewLevels: boolean;
  completionMilestoneKey: string;
}

export interface LevelSetting {
  level: string;
  enabled: boolean;
  unitTotal: number | null;
  discoveredAt: Date;
}

export async function loadSyncSettings(db: Queryable): Promise<SyncSettings> {
  const { rows } = await db.query(
    "select auto_enable_new_levels, completion_milestone_key from crm_sync.settings where id",
  );
  if (rows.length === 0) throw new Error("crm_sync.settings has no row: run the migrations (npm run db:migrate)");
  const row = settingsRowSchema.parse(rows[0]);
  return { autoEnableNewLevels: row.auto_enable_new_levels, completionMilestoneKey: row.completion_milestone_key };
}

/** Registers unseen levels and returns every level setting, in CEFR order, plus the levels just added. */
export async function registerDiscoveredLevels(
  db: Queryable,
  discoveredLevels: readonly string[],
): Promise<{ settings: LevelSetting[]; added: string[] }> {
  const inserted = await db.query(
    `insert into crm_sync.level_settings (level, enabled)
       select level, (select auto_enable_new_levels from crm_sync.settings where id) and level ~ $2
       from unnest($1::text[]) as level
     on conflict (level) do nothing
     returning level`,
    [discoveredLevels, AUTO_ENABLE_LEVEL_PATTERN.source],
  );
  const { rows } = await db.query("select level, enabled, unit_total, discovered_at from crm_sync.level_settings");
  const byLevel = new Map(
    rows.map((raw) => {
      const row = levelSettingRowSchema.parse(raw);
      return [
        row.level,
        { level: row.level, enabled: row.enabled, unitTotal: row.unit_total, discoveredAt: row.discovered_at },
      ] as const;
    }),
  );
  return {
    settings: sortLevels(byLevel.keys()).map((level) => byLevel.get(level)!),
    added: sortLevels(inserted.rows.map((row) => z.string().parse(row.level))),
  };
}

/**
 * What registerDiscoveredLevels would return, without writing: unseen levels appear with the
 * setting they will get (the auto-enable rule above), and `added` lists them.
 */
export async function previewLevelSettings(
  db: Queryable,
  discoveredLevels: readonly string[],
): Promise<{ settings: LevelSetting[]; added: string[] }> {
  const { rows } = await db.query(
    `select level, enabled, unit_total, discovered_at, false as is_new from crm_sync.level_settings
     union all
     select level, (select auto_enable_new_levels from crm_sync.settings where id) and level ~ $2, null, now(), true
       from unnest($1::text[]) as level
      where level not in (select level from crm_sync.level_settings)`,
    [discoveredLevels, AUTO_ENABLE_LEVEL_PATTERN.source],
  );
  const parsed = rows.map((raw) => ({ ...levelSettingRowSchema.parse(raw), isNew: z.boolean().parse(raw.is_new) }));
  const byLevel = new Map(parsed.map((row) => [row.level, row]));
  return {
    settings: sortLevels(byLevel.keys()).map((level) => {
      const row = byLevel.get(level)!;
      return { level: row.level, enabled: row.enabled, unitTotal: row.unit_total, discoveredAt: row.discovered_at };
    }),
    added: sortLevels(parsed.filter((row) => row.isNew).map((row) => row.level)),
  };
}
