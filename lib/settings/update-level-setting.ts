/**
 * Changes one level's settings (enabled, unit total). The level must be one discovery knows (a
 * `{level}_progress` table in the source schema) or one already registered; enabling additionally
 * needs a compatible table, or the sync would report it unavailable on every run.
 */
import { writeAudit } from "@/lib/audit/write-audit";
import { discoverLevels } from "@/lib/db/levels/discover-levels";
import { inTransaction, type Database } from "@/lib/db/queryable";
import { installLevelCapture, removeLevelCapture } from "@/lib/db/capture/install-level-capture";
import { z } from "zod";
import { SettingsError, describeIssues } from "./settings-error";
import { updateLevelInputSchema, type SettingsActor } from "./settings-schemas";

const levelRowSchema = z.object({ enabled: z.boolean(), unit_total: z.number().int().nullable() });

export interface LevelState {
  enabled: boolean;
  unitTotal: number | null;
}

export interface LevelChange {
  level: string;
  before: LevelState | null;
  after: LevelState;
  isChanged: boolean;
}

export async function updateLevelSetting(
  db: Database,
  actor: SettingsActor,
  rawInput: unknown,
  sourceSchema = "public",
): Promise<LevelChange> {
  const parsed = updateLevelInputSchema.safeParse(rawInput);
  if (!parsed.success)
    throw new SettingsError("invalid_input", `Invalid level change: ${describeIssues(parsed.error.issues)}`);
  const input = parsed.data;
  const discovered = (await discoverLevels(db, sourceSchema)).levels.find(
    (candidate) => candidate.level === input.level,
  );

  const change = await inTransaction(db, async (client): Promise<LevelChange> => {
    const { rows } = await client.query(
      "select enabled, unit_total from crm_sync.level_settings where level = $1 for update",
      [input.level],
    );
    const before = rows[0] === undefined ? null : toState(levelRowSchema.parse(rows[0]));
    if (!discovered && !before) {
      throw new SettingsError(
        "unknown_level",
        `Unknown level "${input.level}": no table ${input.level}_progress in schema ${sourceSchema}.`,
      );
    }
    const after: LevelState = {
      enabled: input.enabled ?? before?.enabled ?? false,
      unitTotal: input.unitTotal !== undefined ? input.unitTotal : (before?.unitTotal ?? null),
    };
    if (after.enabled && !before?.enabled && !discovered?.source) {
      const why = discovered ? discovered.progress.reasons.join("; ") : `table ${input.level}_progress not found`;
      throw new SettingsError("incompatible_level", `Level ${input.level} cannot be enabled: ${why}.`);
    }
    const isChanged = before === null || before.enabled !== after.enabled || before.unitTotal !== after.unitTotal;
    if (!isChanged) return { level: input.level, before, after, isChanged };

    // An insert covers a level discovered after the last plan (its row is registered on first use).
    await client.query(
      `insert into crm_sync.level_settings (level, enabled, unit_total, updated_by) values ($1, $2, $3, $4)
       on conflict (level) do update set enabled = excluded.enabled, unit_total = excluded.unit_total,
                                         updated_by = excluded.updated_by, updated_at = now()`,
      [input.level, after.enabled, after.unitTotal, actor.id ?? null],
    );
    await writeAudit(client, actor, "level.update", input.level, { before, after });
    return { level: input.level, before, after, isChanged };
  });
  // Change capture follows the setting (docs/ARCHITECTURE.md, "Change capture"): triggers on the
  // level's tables while it is enabled, none once disabled. After the commit, so a role that may
  // not create triggers still changes the setting (the level then runs in full_scan mode).
  if (change.isChanged && change.after.enabled !== (change.before?.enabled ?? false)) {
    if (change.after.enabled && discovered?.source) await installLevelCapture(db, discovered.source);
    else if (!change.after.enabled) await removeLevelCapture(db, input.level, sourceSchema);
  }
  return change;
}

function toState(row: z.infer<typeof levelRowSchema>): LevelState {
  return { enabled: row.enabled, unitTotal: row.unit_total };
}
