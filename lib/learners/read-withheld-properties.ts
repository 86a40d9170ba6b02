/**
 * Properties the sync leaves out of every payload because their type drifted in HubSpot (the same
 * property plan the sync makes, lib/hubspot/properties/plan-properties.ts). The lookup needs them
 * to show exactly what the next sync sends. Without a token nothing is withheld (the sync cannot
 * send anyway); when HubSpot cannot be asked, the page says the payload is unchecked for drift.
 */
import { serverEnv } from "@/lib/config/env";
import { createHubSpotClientFromEnv } from "@/lib/hubspot/create-hubspot-client-from-env";
import { isHubSpotError } from "@/lib/hubspot/errors";
import { planProperties, withheldProperties } from "@/lib/hubspot/properties/plan-properties";

export interface WithheldProperties {
  names: ReadonlySet<string>;
  /** null when HubSpot's property plan was read. */
  uncheckedReason: string | null;
}

export async function readWithheldProperties(enabledLevels: string[]): Promise<WithheldProperties> {
  const client = createHubSpotClientFromEnv(serverEnv(), "read");
  if (client === null) return { names: new Set(), uncheckedReason: "no HubSpot token is configured" };
  try {
    return { names: withheldProperties(await planProperties(client, enabledLevels)), uncheckedReason: null };
  } catch (error) {
    if (!isHubSpotError(error)) throw error;
    return { names: new Set(), uncheckedReason: `HubSpot could not be asked for its properties (${error.category})` };
  }
}
