/**
 * The HubSpot portal (account) id the token belongs to, for links to contact records. Read with the
 * app's one connection check (account-info, lib/health/check-hubspot.ts) and kept for a while: the
 * portal of a token does not change, and each call spends the sync's rate budget. Only a success
 * is kept, so a fixed token shows links on the next page view.
 */
import { serverEnv } from "@/lib/config/env";
import { checkHubSpot } from "@/lib/health/check-hubspot";
import { createHubSpotClientFromEnv } from "@/lib/hubspot/create-hubspot-client-from-env";

const PORTAL_TTL_MS = 10 * 60_000;

let known: { portalId: number; readAt: number } | undefined;

/** null when no token is configured or HubSpot refused: the page then shows the id without a link. */
export async function readPortalId(): Promise<number | null> {
  if (known && Date.now() - known.readAt < PORTAL_TTL_MS) return known.portalId;
  const connection = await checkHubSpot(createHubSpotClientFromEnv(serverEnv(), "read"));
  if (connection.status !== "ok") return null;
  known = { portalId: connection.portalId, readAt: Date.now() };
  return connection.portalId;
}
