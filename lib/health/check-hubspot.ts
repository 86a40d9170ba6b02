/**
 * The one HubSpot connection check, through the app's HubSpot client (same transport, timeouts
 * and typed errors as the sync): reads the account details, HubSpot's own "who am I" call. Used
 * by GET /api/health and the settings page's Connections card.
 */
import type { HubSpotClient } from "@/lib/hubspot/client";
import { isHubSpotError, type HubSpotErrorCategory } from "@/lib/hubspot/errors";
import type { HubSpotHealth } from "@/lib/contracts/health-response";
import { describeHubSpotError } from "./describe-error";

export type HubSpotConnection =
  | { status: "not_configured" }
  | { status: "ok"; portalId: number; accountType: string | null }
  | { status: "error"; category: HubSpotErrorCategory; message: string };

/** `client` null: no token configured, and nobody is called. HubSpot's refusal is a result; anything else is a bug and throws. */
export async function checkHubSpot(client: HubSpotClient | null): Promise<HubSpotConnection> {
  if (client === null) return { status: "not_configured" };
  try {
    const details = await client.getAccountDetails();
    return { status: "ok", portalId: details.portalId, accountType: details.accountType ?? null };
  } catch (error) {
    if (!isHubSpotError(error)) throw error;
    console.error("[hubspot] connection check failed:", error.message);
    return { status: "error", category: error.category, message: describeHubSpotError(error.category) };
  }
}

/** The public form of the check for GET /api/health: no account type, only the safe message. */
export function toHubSpotHealth(connection: HubSpotConnection): HubSpotHealth {
  switch (connection.status) {
    case "not_configured":
      return { ok: false, configured: false };
    case "ok":
      return { ok: true, configured: true, portalId: connection.portalId };
    case "error":
      return { ok: false, configured: true, error: connection.message };
  }
}
