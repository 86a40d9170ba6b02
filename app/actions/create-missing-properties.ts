"use server";
import { z } from "zod";
import { ActionError, staffAction } from "@/lib/actions/staff-action";
import { serverEnv } from "@/lib/config/env";
import { getPool } from "@/lib/db/pool";
import { createMissingProperties as createProperties } from "@/lib/settings/create-missing-properties";
import { createHubSpotClientFromEnv } from "@/lib/hubspot/create-hubspot-client-from-env";
import { registerAndPlanLevels } from "@/lib/sync";

/** Applies the property plan of the enabled levels in HubSpot (admins only; audited as properties.create). */
export const createMissingProperties = staffAction("admin", z.strictObject({}), async (_input, { actor }) => {
  const env = serverEnv();
  const client = createHubSpotClientFromEnv(env, "write");
  if (!client) throw new ActionError("conflict", "HubSpot is not configured: set HUBSPOT_ACCESS_TOKEN on the server.");
  const { enabledLevels } = await registerAndPlanLevels(getPool(), env.SOURCE_SCHEMA);
  return createProperties(getPool(), client, actor, enabledLevels);
});
