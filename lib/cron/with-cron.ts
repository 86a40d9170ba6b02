/**
 * The wrapper every cron route goes through (dub's withCron): the bearer secret is checked before
 * anything else runs, and an unexpected error answers JSON with a log reference, never a stack.
 * Plain Web Request/Response, no Next imports, so it is tested like any function.
 */
import { randomUUID } from "node:crypto";
import { isAuthorizedCronRequest } from "./verify-cron-secret";

export type CronHandler = (request: Request) => Promise<Response>;

export interface WithCronOptions {
  /** Read per request: a secret rotated in the environment takes effect without a rebuild. */
  getSecret: () => string | undefined;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });
}

export function withCron(handler: CronHandler, options: WithCronOptions): CronHandler {
  return async (request) => {
    if (!isAuthorizedCronRequest(request.headers.get("authorization"), options.getSecret())) {
      return json(
        401,
        { ok: false, error: "unauthorized", message: "Send Authorization: Bearer <CRON_SECRET>." },
        { "www-authenticate": "Bearer" },
      );
    }
    try {
      return await handler(request);
    } catch (error) {
      const reference = randomUUID().slice(0, 8);
      console.error(`[cron ${reference}]`, error);
      return json(500, {
        ok: false,
        error: "failed",
        message: `The cron job failed (reference ${reference}); the details were logged on the server.`,
      });
    }
  };
}

export { json as cronJson };
