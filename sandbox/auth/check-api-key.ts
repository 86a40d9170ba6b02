/**
 * Supabase's API gateway sits in front of GoTrue and refuses requests without a known project
 * key (`apikey` header or query parameter) with its own 401 bodies. The JWKS and health routes are
 * reachable without one.
 */
import type { IncomingMessage } from "node:http";
import { GatewayKeyError } from "./auth-error";
import { bearerToken, headerValue } from "./http-io";
import { isSameSecret } from "./is-same-secret";
import type { StandInContext } from "./stand-in-context";

const KEYLESS_ROUTES = new Set(["/.well-known/jwks.json", "/health"]);

export function isKeylessRoute(route: string): boolean {
  return KEYLESS_ROUTES.has(route);
}

function isKnownKey(context: StandInContext, presented: string): boolean {
  return (
    isSameSecret(presented, context.publishableKey) ||
    (context.serviceKey !== undefined && isSameSecret(presented, context.serviceKey))
  );
}

export function checkApiKey(context: StandInContext, req: IncomingMessage, url: URL): void {
  const apiKey = headerValue(req, "apikey") ?? url.searchParams.get("apikey") ?? undefined;
  if (apiKey !== undefined) {
    if (isKnownKey(context, apiKey)) return;
    throw new GatewayKeyError("Invalid API key", "Double check your Supabase `anon` or `service_role` API key.");
  }
  // Without `apikey`, a project key in Authorization is accepted (public endpoints called that way).
  const bearer = bearerToken(req);
  if (bearer !== undefined && isKnownKey(context, bearer)) return;
  throw new GatewayKeyError("No API key found in request", "No `apikey` request header or url param was found.");
}
