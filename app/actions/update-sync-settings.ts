"use server";
import { staffAction } from "@/lib/actions/staff-action";
import { getPool } from "@/lib/db/pool";
import { updateSyncSettingsInputSchema } from "@/lib/settings/settings-schemas";
import { updateSyncSettings as updateSettings } from "@/lib/settings/update-sync-settings";

/** Auto-enable of new levels and the completion milestone key (admins only; audited as settings.update). */
export const updateSyncSettings = staffAction("admin", updateSyncSettingsInputSchema, async (input, { actor }) => {
  return updateSettings(getPool(), actor, input);
});
