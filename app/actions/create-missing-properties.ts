"use server";
import { z } from "zod";
import { ActionError, staffAction } from "@/lib/actions/staff-action";
import { serverEnv } from "@/lib/config/env";
import { getPool } from "@/lib/db/pool";
import { createMissingProperties as createProperties } from "@/lib/settings/create-missing-properties";
import { createSettingsHubSpotClient } from "@/lib/settings/create-settings-hubspot-client";
import { toActionError } from "@/lib/settings/to-action-error";
import { registerAndPlanLevels } from "@/lib/sync";

/** Applies the property plan of the enabled levels in HubSpot (admins only; audited as properties.create). */
export const createMissingProperties = staffAction("admin", z.strictObject({}), async (_input, { actor }) => {
  const env = serverEnv();
  const client = createSettingsHubSpotClient(env, "write");
  if (!client) throw new ActionError("conflict", "HubSpot is not configured: set HUBSPOT_ACCESS_TOKEN on the server.");
  try {
    const { enabledLevels } = await registerAndPlanLevels(getPool(), env.SOURCE_SCHEMA);
    return await createProperties(getPool(), client, actor, enabledLevels);
  } catch (error) {
    throw toActionError(error);
  }
});
