"use server";
import { staffAction } from "@/lib/actions/staff-action";
import { getPool } from "@/lib/db/pool";
import { updateSyncSettingsInputSchema } from "@/lib/settings/settings-schemas";
import { toActionError } from "@/lib/settings/to-action-error";
import { updateSyncSettings as updateSettings } from "@/lib/settings/update-sync-settings";

/** Auto-enable of new levels and the completion milestone key (admins only; audited as settings.update). */
export const updateSyncSettings = staffAction("admin", updateSyncSettingsInputSchema, async (input, { actor }) => {
  try {
    return await updateSettings(getPool(), actor, input);
  } catch (error) {
    throw toActionError(error);
  }
});
