/**
 * Turns a failure into a short description that is safe to show anyone: GET /api/health is
 * unauthenticated, so raw messages (which can carry host names, user names or URLs) never leave the
 * server; they are logged there instead. The settings page and the server actions use the same
 * words for HubSpot failures.
 */
import type { HubSpotErrorCategory } from "@/lib/hubspot/errors";

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
]);

function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  if (typeof code === "string") return code;
  return cause === undefined ? undefined : errorCode(cause);
}

export function describeDatabaseError(error: unknown): string {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : "";
  if (code && NETWORK_CODES.has(code)) return "unreachable";
  if (/timeout/i.test(message)) return "timed out";
  // SQLSTATE class 28: invalid authorization (wrong password, unknown role).
  if (code?.startsWith("28")) return "authentication failed";
  if (code === "3D000") return "database does not exist";
  return "query failed";
}

/** What an admin should do about a failed HubSpot call, by the category the client assigned. */
export function describeHubSpotError(category: HubSpotErrorCategory): string {
  switch (category) {
    case "unauthorized":
      return "HubSpot rejected the access token (invalid, expired or revoked).";
    case "forbidden":
      return "The HubSpot private app lacks a scope (crm.schemas.contacts.read/write).";
    case "rate_limited":
      return "HubSpot's rate limit was reached; try again in a minute.";
    case "daily_limit":
      return "HubSpot's daily API limit for this account is used up; it resets at midnight in the account's time zone.";
    case "network":
    case "timeout":
      return "HubSpot could not be reached (network or timeout).";
    case "server":
      return "HubSpot answered with a server error; try again later.";
    default:
      return `HubSpot answered unexpectedly (${category}).`;
  }
}
