/**
 * Test knobs outside /auth/v1 (GoTrue has none): how many /token requests arrived, and the /token
 * rate limit, so an e2e spec can drive the app into GoTrue's 429 without 150 sign-ins.
 * GET /__control/stats · PUT /__control/token-rate-limit {requests, windowSeconds} (resets counts).
 * The stand-in listens on 127.0.0.1 only by default; it is never deployed.
 */
import type { IncomingMessage } from "node:http";
import { AuthHttpError } from "./auth-error";
import { readBody } from "./http-io";
import type { StandInContext } from "./stand-in-context";
import { tokenRateLimitSchema } from "./token-rate-limit";

export const CONTROL_PREFIX = "/__control/";

export async function handleControl(
  context: StandInContext,
  req: IncomingMessage,
  url: URL,
): Promise<{ status: number; body: unknown }> {
  const route = `${req.method ?? "GET"} ${url.pathname.slice(CONTROL_PREFIX.length)}`;
  if (route === "GET stats") {
    return { status: 200, body: { ...context.stats, tokenRateLimit: context.tokenRateLimiter.settings() } };
  }
  if (route === "PUT token-rate-limit") {
    const limit = await readBody(req, tokenRateLimitSchema.partial());
    context.tokenRateLimiter.configure({ ...context.tokenRateLimiter.settings(), ...limit });
    context.stats.rateLimited = 0;
    return { status: 200, body: context.tokenRateLimiter.settings() };
  }
  throw new AuthHttpError(404, "not_found", `No such control endpoint: ${route}`);
}
