/** Routing for /auth/v1/*: gateway checks (CORS, apikey), then the GoTrue endpoints. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { AuthHttpError, toErrorResponse } from "./auth-error";
import { checkApiKey, isKeylessRoute } from "./check-api-key";
import { handleAdminCreateUser } from "./handle-admin";
import { CONTROL_PREFIX, handleControl } from "./handle-control";
import { handleToken } from "./handle-token";
import { handleGetUser, handleLogout } from "./handle-user";
import { applyCorsHeaders, headerValue, sendEmpty, sendJson, sendPreflight } from "./http-io";
import type { StandInContext } from "./stand-in-context";

const PREFIX = "/auth/v1";

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}
type Handler = (context: StandInContext, req: IncomingMessage, url: URL) => Promise<Reply>;

const SETTINGS = {
  external: { anonymous_users: false, email: true, phone: false },
  disable_signup: true,
  mailer_autoconfirm: false,
  phone_autoconfirm: false,
  sms_provider: "",
  saml_enabled: false,
};

const ROUTES: Record<string, Record<string, Handler>> = {
  "/health": {
    GET: async () => ({
      status: 200,
      body: {
        version: "stand-in",
        name: "GoTrue",
        description: "GoTrue is a user registration and authentication API",
      },
    }),
  },
  "/settings": { GET: async () => ({ status: 200, body: SETTINGS }) },
  "/.well-known/jwks.json": {
    GET: async (context) => ({
      status: 200,
      body: { keys: [context.key.publicJwk] },
      headers: { "Cache-Control": "public, max-age=600" },
    }),
  },
  "/token": {
    POST: async (context, req, url) => ({
      status: 200,
      body: await handleToken(context, req, url.searchParams.get("grant_type")),
    }),
  },
  "/user": { GET: async (context, req) => ({ status: 200, body: await handleGetUser(context, req) }) },
  "/logout": {
    POST: async (context, req, url) => {
      await handleLogout(context, req, url.searchParams.get("scope"));
      return { status: 204 };
    },
  },
  // Users are created by the seed (createAuthUser) or the admin API, never by self-service sign-up.
  "/signup": {
    POST: async () => {
      throw new AuthHttpError(422, "signup_disabled", "Signups not allowed for this instance");
    },
  },
  "/admin/users": { POST: async (context, req) => ({ status: 200, body: await handleAdminCreateUser(context, req) }) },
};

/** GoTrue's limiter runs before the handler (after the gateway's key check): a refused request does no work. */
function limitTokenRequests(context: StandInContext, req: IncomingMessage, url: URL): void {
  const grantType = url.searchParams.get("grant_type");
  context.stats.tokenRequests[grantType === "password" || grantType === "refresh_token" ? grantType : "other"] += 1;
  if (context.tokenRateLimiter.admit(req.socket.remoteAddress ?? "unknown")) return;
  context.stats.rateLimited += 1;
  throw new AuthHttpError(429, "over_request_rate_limit", "Request rate limit reached");
}

async function route(context: StandInContext, req: IncomingMessage, url: URL): Promise<Reply> {
  if (url.pathname.startsWith(CONTROL_PREFIX)) return handleControl(context, req, url);
  if (!url.pathname.startsWith(`${PREFIX}/`)) {
    return { status: 404, body: { message: "no Route matched with those values" } };
  }
  const path = url.pathname.slice(PREFIX.length);
  if (!isKeylessRoute(path)) checkApiKey(context, req, url);
  const methods = ROUTES[path];
  if (!methods) throw new AuthHttpError(404, "not_found", `No such endpoint: ${req.method} ${url.pathname}`);
  const handler = methods[req.method ?? "GET"];
  if (!handler)
    throw new AuthHttpError(405, "method_not_allowed", `Method ${req.method} not allowed on ${url.pathname}`);
  if (path === "/token") limitTokenRequests(context, req, url);
  return handler(context, req, url);
}

export async function handleRequest(
  context: StandInContext,
  req: IncomingMessage,
  res: ServerResponse,
  log: (line: string) => void,
): Promise<void> {
  const startedAt = performance.now();
  const url = new URL(req.url ?? "/", "http://stand-in.invalid");
  applyCorsHeaders(req, res);
  let status: number;
  if (req.method === "OPTIONS") {
    sendPreflight(res);
    status = 204;
  } else {
    try {
      const reply = await route(context, req, url);
      status = reply.status;
      if (reply.body === undefined) sendEmpty(res, reply.status);
      else sendJson(res, reply.status, reply.body, reply.headers);
    } catch (error) {
      const response = toErrorResponse(error, headerValue(req, "x-supabase-api-version"));
      status = response.status;
      if (status >= 500)
        log(`[auth] unexpected failure on ${req.method} ${url.pathname}: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) sendJson(res, response.status, response.body, response.headers);
      else res.destroy();
    }
  }
  // Path only: query strings may carry an apikey, bodies carry passwords and tokens.
  log(`[auth] ${req.method} ${url.pathname} ${status} ${Math.round(performance.now() - startedAt)}ms`);
}
