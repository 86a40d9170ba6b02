/**
 * One API request, in the order HubSpot's edge applies things: latency, authentication, rate
 * limit, injected fault, routing, body validation, handler. Every step ends in exactly one
 * request-log entry.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { HubSpotHttpError } from "./errors";
import { type FaultDecision, type FaultInjector, type FaultKind, MALFORMED_BODY, serverErrorBody } from "./faults";
import { bearerToken, countInputs, type ParsedBody, parseJsonBody, readBody, sendBody, sendJson } from "./http-io";
import { type RateLimiter, rateLimitBody, rateLimitHeaders } from "./rate-limit";
import type { RequestLog } from "./request-log";
import { matchRoute, type Route } from "./router";
import { type ResultOrder, resultOrderer } from "./result-order";
import type { StandInStore } from "./store";

export interface StandInConfig {
  rateLimitPer10s: number;
  dailyLimit: number;
  latencyMs: number;
  retryAfterHeader: boolean;
  /** Order of batch upsert/update/read results; see result-order.ts. */
  batchResultOrder: ResultOrder;
  /** The account's IANA time zone (account-info `timeZone`): the daily limit resets at midnight there. */
  timeZone: string;
}

export interface StandInRuntime {
  store: StandInStore;
  limiter: RateLimiter;
  faults: FaultInjector;
  requestLog: RequestLog;
  tokens: Set<string>;
  config: StandInConfig;
  portalId: number;
  log: (line: string) => void;
  /** Seeded generator of the `shuffled` result order, kept apart from the fault generator so shuffling does not move faults. */
  orderRandom: () => number;
  /** Pending latency and timeout-fault timers, cancelled on stop. */
  timers: Set<NodeJS.Timeout>;
  /** The stand-in's clock (rate windows, the account day, write times): real time plus a settable offset. */
  now: () => number;
}

const AUTH_MESSAGE =
  "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview";

function delay(runtime: StandInRuntime, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      runtime.timers.delete(timer);
      resolve();
    }, ms);
    runtime.timers.add(timer);
  });
}

interface Outcome {
  status: number;
  body: string | null;
  headers?: Record<string, string>;
  fault?: FaultKind;
}

function json(status: number, body: unknown, headers?: Record<string, string>, fault?: FaultKind): Outcome {
  return {
    status,
    body: body === undefined ? null : JSON.stringify(body),
    ...(headers ? { headers } : {}),
    ...(fault ? { fault } : {}),
  };
}

function faultOutcome(
  fault: Exclude<FaultDecision, { kind: "timeout" }>,
  correlationId: string,
  rateHeaders: Record<string, string>,
  runtime: StandInRuntime,
  token: string,
): Outcome {
  const stormHeaders = () => ({
    ...rateHeaders,
    "X-HubSpot-RateLimit-Remaining": "0",
    ...(runtime.config.retryAfterHeader ? { "Retry-After": "1" } : {}),
  });
  switch (fault.kind) {
    case "fail_next":
      if (fault.body !== undefined)
        return {
          status: fault.status,
          body: fault.body,
          headers: fault.status === 429 ? stormHeaders() : rateHeaders,
          fault: "fail_next",
        };
      if (fault.status === 429)
        return json(
          429,
          rateLimitBody("TEN_SECONDLY_ROLLING", correlationId, groupName(runtime, token)),
          stormHeaders(),
          "fail_next",
        );
      return json(
        fault.status,
        fault.status >= 500
          ? serverErrorBody(fault.status, correlationId)
          : new HubSpotHttpError(fault.status, "VALIDATION_ERROR", "Injected failure").toBody(correlationId),
        rateHeaders,
        "fail_next",
      );
    case "error_5xx":
      return json(fault.status, serverErrorBody(fault.status, correlationId), rateHeaders, "error_5xx");
    case "rate_429":
      return json(
        429,
        rateLimitBody("TEN_SECONDLY_ROLLING", correlationId, groupName(runtime, token)),
        stormHeaders(),
        "rate_429",
      );
    case "malformed":
      return { status: 200, body: MALFORMED_BODY, headers: rateHeaders, fault: "malformed" };
  }
}

function groupName(runtime: StandInRuntime, token: string): string {
  return `private-app:${runtime.portalId}:${token.slice(-4)}`;
}

/** A timeout fault answers nothing: the connection is held, then dropped. */
interface Hang {
  hangMs: number;
}

async function decide(
  runtime: StandInRuntime,
  routes: readonly Route[],
  request: IncomingMessage,
  url: URL,
  body: ParsedBody,
  correlationId: string,
  token: string | null,
): Promise<Outcome | Hang> {
  if (runtime.config.latencyMs > 0) await delay(runtime, runtime.config.latencyMs);
  if (token === null || !runtime.tokens.has(token)) {
    return json(401, new HubSpotHttpError(401, "INVALID_AUTHENTICATION", AUTH_MESSAGE).toBody(correlationId));
  }
  const decision = runtime.limiter.take(token, runtime.now());
  const rateHeaders = rateLimitHeaders(decision, runtime.config.retryAfterHeader);
  if (!decision.isAllowed && decision.policy)
    return json(429, rateLimitBody(decision.policy, correlationId, groupName(runtime, token)), rateHeaders);
  const fault = runtime.faults.decide(url.pathname);
  if (fault?.kind === "timeout") return { hangMs: fault.holdMs };
  if (fault) return faultOutcome(fault, correlationId, rateHeaders, runtime, token);
  try {
    const match = matchRoute(routes, request.method ?? "GET", url.pathname);
    if (match.kind === "not_found")
      throw new HubSpotHttpError(404, "OBJECT_NOT_FOUND", `No route for ${request.method} ${url.pathname}`);
    if (match.kind === "method_not_allowed")
      throw new HubSpotHttpError(
        405,
        "VALIDATION_ERROR",
        `Method ${request.method} is not allowed here; use ${match.allowed.join(" or ")}.`,
      );
    if (!body.ok && match.route.method !== "GET") throw body.error;
    const result = match.route.handler({
      method: match.route.method,
      pathname: url.pathname,
      params: match.params,
      query: url.searchParams,
      body: body.ok ? body.value : undefined,
      store: runtime.store,
      now: new Date(runtime.now()),
      origin: url.origin,
      portalId: runtime.portalId,
      timeZone: runtime.config.timeZone,
      orderResults: resultOrderer(runtime.config.batchResultOrder, runtime.orderRandom),
    });
    return json(result.status, result.body, rateHeaders);
  } catch (error) {
    if (error instanceof HubSpotHttpError) return json(error.status, error.toBody(correlationId), rateHeaders);
    runtime.log(
      `[hubspot stand-in] ${request.method} ${url.pathname} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return json(500, serverErrorBody(500, correlationId), rateHeaders);
  }
}

export async function handleApiRequest(
  runtime: StandInRuntime,
  routes: readonly Route[],
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const startedAt = performance.now();
  const correlationId = randomUUID();
  const url = new URL(request.url ?? "/", `http://${request.headers.host ?? "127.0.0.1"}`);
  const token = bearerToken(request);
  const record = (status: number, inputs: number | null, fault: FaultKind | null) =>
    runtime.requestLog.add({
      time: new Date().toISOString(),
      method: request.method ?? "GET",
      path: url.pathname,
      status,
      token,
      inputs,
      durationMs: Math.round(performance.now() - startedAt),
      fault,
      correlationId,
    });
  let body: ParsedBody;
  try {
    body = parseJsonBody(await readBody(request));
  } catch (error) {
    const failure =
      error instanceof HubSpotHttpError
        ? error
        : new HubSpotHttpError(400, "VALIDATION_ERROR", "Could not read the request body.");
    sendJson(response, failure.status, failure.toBody(correlationId), {
      "X-HubSpot-Correlation-Id": correlationId,
      Connection: "close",
    });
    record(failure.status, null, null);
    return;
  }
  const inputs = countInputs(body);
  const outcome = await decide(runtime, routes, request, url, body, correlationId, token);
  if ("hangMs" in outcome) {
    await delay(runtime, outcome.hangMs);
    request.socket.destroy();
    record(0, inputs, "timeout");
    return;
  }
  sendBody(response, outcome.status, outcome.body, { ...outcome.headers, "X-HubSpot-Correlation-Id": correlationId });
  record(outcome.status, inputs, outcome.fault ?? null);
}
