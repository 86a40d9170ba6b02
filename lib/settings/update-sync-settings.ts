/** Changes the global sync settings (auto-enable of new levels, completion milestone key, removed learners), audited with before/after. */
import { writeAudit } from "@/lib/audit/write-audit";
import { inTransaction, type Database } from "@/lib/db/queryable";
import { z } from "zod";
import { REMOVED_LEARNERS_POLICIES, type RemovedLearnersPolicy } from "@/lib/db/learners/read-removed-learners";
import { SettingsError, describeIssues } from "./settings-error";
import { updateSyncSettingsInputSchema, type SettingsActor } from "./settings-schemas";

const settingsRowSchema = z.object({
  auto_enable_new_levels: z.boolean(),
  completion_milestone_key: z.string(),
  removed_learners: z.enum(REMOVED_LEARNERS_POLICIES),
});

export interface SyncSettingsState {
  autoEnableNewLevels: boolean;
  completionMilestoneKey: string;
  removedLearners: RemovedLearnersPolicy;
}

export interface SyncSettingsChange {
  before: SyncSettingsState;
  after: SyncSettingsState;
  isChanged: boolean;
}

export async function updateSyncSettings(
  db: Database,
  actor: SettingsActor,
  rawInput: unknown,
): Promise<SyncSettingsChange> {
  const parsed = updateSyncSettingsInputSchema.safeParse(rawInput);
  if (!parsed.success)
    throw new SettingsError("invalid_input", `Invalid settings: ${describeIssues(parsed.error.issues)}`);
  const input = parsed.data;

  return inTransaction(db, async (client) => {
    const { rows } = await client.query(
      "select auto_enable_new_levels, completion_milestone_key, removed_learners from crm_sync.settings where id for update",
    );
    if (rows[0] === undefined) throw new Error("crm_sync.settings has no row: run the migrations (npm run db:migrate)");
    const row = settingsRowSchema.parse(rows[0]);
    const before: SyncSettingsState = {
      autoEnableNewLevels: row.auto_enable_new_levels,
      completionMilestoneKey: row.completion_milestone_key,
      removedLearners: row.removed_learners,
    };
    const after: SyncSettingsState = {
      autoEnableNewLevels: input.autoEnableNewLevels ?? before.autoEnableNewLevels,
      completionMilestoneKey: input.completionMilestoneKey ?? before.completionMilestoneKey,
      removedLearners: input.removedLearners ?? before.removedLearners,
    };
    const isChanged =
      before.autoEnableNewLevels !== after.autoEnableNewLevels ||
      before.completionMilestoneKey !== after.completionMilestoneKey ||
      before.removedLearners !== after.removedLearners;
    if (!isChanged) return { before, after, isChanged };
    await client.query(
      `update crm_sync.settings set auto_enable_new_levels = $1, completion_milestone_key = $2, removed_learners = $4, updated_by = $3, updated_at = now() where id`,
      [after.autoEnableNewLevels, after.completionMilestoneKey, actor.id ?? null, after.removedLearners],
    );
    await writeAudit(client, actor, "settings.update", "sync_settings", { before, after });
    return { before, after, isChanged };
  });
}
