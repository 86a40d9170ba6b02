"use server";
import { staffAction } from "@/lib/actions/staff-action";
import { serverEnv } from "@/lib/config/env";
import { getPool } from "@/lib/db/pool";
import { updateLevelInputSchema } from "@/lib/settings/settings-schemas";
import { updateLevelSetting } from "@/lib/settings/update-level-setting";

/** Enables/disables a level or sets its unit total (admins only; audited as level.update). */
export const updateLevel = staffAction("admin", updateLevelInputSchema, async (input, { actor }) => {
  return updateLevelSetting(getPool(), actor, input, serverEnv().SOURCE_SCHEMA);
});
