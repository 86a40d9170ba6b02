/**
 * The Next.js server's sync dependencies, one set per process: the sync pool (never starved by
 * page views, lib/db/pool.ts) and one HubSpot client per token and base URL, whose rate limiter
 * the settings and health reads share (lib/hubspot/transport/shared-rate-limiter.ts). "Sync now",
 * previews and the cron route use it; the CLI and benchmark build their own (createSyncDependencies).
 */
import { createHash } from "node:crypto";
import { serverEnv } from "@/lib/config/env";
import { getSyncPool } from "@/lib/db/pool";
import type { SyncHubSpotClient } from "../hubspot-port";
import { createSyncHubSpotClient, type SyncDependencies } from "./create-sync-dependencies";

const holder = globalThis as typeof globalThis & { __crmSyncHubSpot?: { key: string; client: SyncHubSpotClient } };

export function getSyncDependencies(): Omit<SyncDependencies, "close"> {
  const env = serverEnv();
  let hubspot: SyncHubSpotClient | null = null;
  if (env.HUBSPOT_ACCESS_TOKEN) {
    const portal = {
      accessToken: env.HUBSPOT_ACCESS_TOKEN,
      baseUrl: env.HUBSPOT_BASE_URL,
      ratePer10s: env.HUBSPOT_RATE_LIMIT_PER_10S,
    };
    const key = `${portal.baseUrl}|${portal.ratePer10s}|${createHash("sha256").update(portal.accessToken).digest("hex")}`;
    if (holder.__crmSyncHubSpot?.key !== key)
      holder.__crmSyncHubSpot = { key, client: createSyncHubSpotClient(portal) };
    hubspot = holder.__crmSyncHubSpot.client;
  }
  return { pool: getSyncPool(), hubspot, sourceSchema: env.SOURCE_SCHEMA };
}
