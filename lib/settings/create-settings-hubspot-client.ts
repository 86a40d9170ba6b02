/**
 * The HubSpot client the settings page reads with: the engine's client, but a page view must not
 * sit through the engine's long retry schedule, so one retry, short timeouts and no long 429 waits.
 * Writes ("Create missing properties") use the default, patient client.
 */
import type { ServerEnv } from "@/lib/config/env";
import { createHubSpotClient, type HubSpotClient } from "@/lib/hubspot/client";

type HubSpotEnv = Pick<ServerEnv, "HUBSPOT_ACCESS_TOKEN" | "HUBSPOT_BASE_URL" | "HUBSPOT_RATE_LIMIT_PER_10S">;

export function createSettingsHubSpotClient(env: HubSpotEnv, mode: "read" | "write"): HubSpotClient | null {
  if (!env.HUBSPOT_ACCESS_TOKEN) return null;
  const base = { accessToken: env.HUBSPOT_ACCESS_TOKEN, baseUrl: env.HUBSPOT_BASE_URL, ratePer10s: env.HUBSPOT_RATE_LIMIT_PER_10S };
  return mode === "write"
    ? createHubSpotClient(base)
    : createHubSpotClient({ ...base, maxAttempts: 2, requestTimeoutMs: 5_000, maxRateLimitWaits: 1, maxRateLimitWaitMs: 5_000 });
}
