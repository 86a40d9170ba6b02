/**
 * The HubSpot client of the app's own pages and checks (settings, GET /api/health), built from the
 * environment; null without a token. "read": a page view or a health probe must not sit through
 * the engine's long retry schedule, so one retry, short timeouts and no long 429 waits. "write"
 * ("Create missing properties") uses the engine's patient defaults.
 */
import type { ServerEnv } from "@/lib/config/env";
import { createHubSpotClient, type HubSpotClient } from "./client";
import { getSharedRateLimiter } from "./transport/shared-rate-limiter";

type HubSpotEnv = Pick<ServerEnv, "HUBSPOT_ACCESS_TOKEN" | "HUBSPOT_BASE_URL" | "HUBSPOT_RATE_LIMIT_PER_10S">;

export function createHubSpotClientFromEnv(env: HubSpotEnv, mode: "read" | "write"): HubSpotClient | null {
  if (!env.HUBSPOT_ACCESS_TOKEN) return null;
  const portal = {
    accessToken: env.HUBSPOT_ACCESS_TOKEN,
    baseUrl: env.HUBSPOT_BASE_URL,
    ratePer10s: env.HUBSPOT_RATE_LIMIT_PER_10S,
  };
  // Page reads and the sync of this process spend one budget (transport/shared-rate-limiter.ts).
  const base = { ...portal, limiter: getSharedRateLimiter(portal) };
  return mode === "write"
    ? createHubSpotClient(base)
    : createHubSpotClient({
        ...base,
        maxAttempts: 2,
        requestTimeoutMs: 5_000,
        maxRateLimitWaits: 1,
        maxRateLimitWaitMs: 5_000,
      });
}
