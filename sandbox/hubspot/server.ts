/**
 * A local stand-in for HubSpot's CRM v3 API (contacts, properties, property groups, account
 * details), faithful enough that `@hubspot/api-client` works against it with only `basePath`
 * changed. Used by the demo, tests, CI and the benchmark; never shipped with the app.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { handleApiRequest, type StandInConfig, type StandInRuntime } from "./api-pipeline";
import {
  archiveContactAsUser,
  createContactAsUser,
  editContactAsUser,
  inspectContact,
  mergeContactsAsUser,
} from "./contact-control";
import { HubSpotHttpError } from "./errors";
import { type FaultConfig, FaultInjector, faultConfigSchema, seededRandom } from "./faults";
import { parseJsonBody, readBody, sendJson } from "./http-io";
import type { StoreSnapshot } from "./model";
import { RateLimiter } from "./rate-limit";
import { inputOrder, type ResultOrder } from "./result-order";
import { RequestLog, type RequestLogEntry } from "./request-log";
import { matchRoute, type Route } from "./router";
import { accountRoutes } from "./routes-account";
import { contactLifecycleRoutes } from "./routes-contacts-lifecycle";
import { contactReadRoutes } from "./routes-contacts-read";
import { contactSearchRoutes } from "./routes-contacts-search";
import { contactWriteRoutes } from "./routes-contacts-write";
import { type ControlTarget, controlRoutes } from "./routes-control";
import { groupRoutes } from "./routes-groups";
import { propertyRoutes } from "./routes-properties";
import { seededSnapshot } from "./seed-state";
import { StandInStore } from "./store";

export type { FaultConfig } from "./faults";
export type { RequestLogEntry } from "./request-log";
export type { StandInConfig } from "./api-pipeline";
export type { ContactInspection, ControlCreateContact } from "./contact-control";
export type { ResultOrder } from "./result-order";
export { StandInStore } from "./store";

export interface HubSpotStandInOptions {
  /** 0 or undefined: a free port. */
  port?: number;
  host?: string;
  /** Accepted bearer tokens; default `["demo-hubspot-token"]`. */
  tokens?: string[];
  portalId?: number;
  /** Requests per rolling 10-second window per token; default 190 (Professional/Enterprise). */
  rateLimitPer10s?: number;
  /** Requests per account day (every token of the portal together); default 1,000,000. */
  dailyLimit?: number;
  /** The account's IANA time zone: account-info answers it, and the daily limit resets at midnight there. Default UTC. */
  timeZone?: string;
  /** Delay added before every API answer. */
  latencyMs?: number;
  /** Whether 429 answers carry Retry-After; real HubSpot usually omits it. */
  retryAfterHeader?: boolean;
  /** Order of batch results: `input` (default), `reversed` or `shuffled` (seeded by `seed`). HubSpot promises none. */
  batchResultOrder?: ResultOrder;
  faults?: FaultConfig;
  /** Seed of the fault RNG. */
  seed?: number;
  log?: (line: string) => void;
  /** State to start from instead of the seeded portal (the CLI's state file). */
  initialState?: StoreSnapshot;
}

export interface HubSpotStandIn extends ControlTarget {
  url: string;
  port: number;
  portalId: number;
  state: StandInStore;
  stop(): Promise<void>;
  /** Back to the seeded portal and the start-up options; clears the request log, rate windows and the clock offset. */
  reset(): void;
  requests(): RequestLogEntry[];
}

export const DEFAULT_TOKEN = "demo-hubspot-token";
export const DEFAULT_PORTAL_ID = 12345678;

const API_PREFIXES = ["/crm/", "/account-info/"];

// Literal paths first: `/groups` and `/batch/*` would otherwise match `/:propertyName`.
const API_ROUTES: Route[] = [
  ...groupRoutes,
  ...propertyRoutes,
  ...contactWriteRoutes,
  ...contactSearchRoutes,
  ...contactLifecycleRoutes,
  ...contactReadRoutes,
  ...accountRoutes,
];

function initialConfig(options: HubSpotStandInOptions): StandInConfig {
  return {
    rateLimitPer10s: options.rateLimitPer10s ?? 190,
    dailyLimit: options.dailyLimit ?? 1_000_000,
    latencyMs: options.latencyMs ?? 0,
    retryAfterHeader: options.retryAfterHeader ?? false,
    batchResultOrder: options.batchResultOrder ?? "input",
    timeZone: options.timeZone ?? "UTC",
  };
}

async function handleControlRequest(
  runtime: StandInRuntime,
  routes: readonly Route[],
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  try {
    const body = parseJsonBody(await readBody(request));
    const match = matchRoute(routes, request.method ?? "GET", url.pathname);
    if (match.kind !== "match")
      throw new HubSpotHttpError(
        match.kind === "not_found" ? 404 : 405,
        "VALIDATION_ERROR",
        `No control route for ${request.method} ${url.pathname}`,
      );
    if (!body.ok) throw body.error;
    const result = match.route.handler({
      method: match.route.method,
      pathname: url.pathname,
      params: match.params,
      query: url.searchParams,
      body: body.value,
      store: runtime.store,
      now: new Date(),
      origin: url.origin,
      portalId: runtime.portalId,
      timeZone: runtime.config.timeZone,
      orderResults: inputOrder,
    });
    sendJson(response, result.status, result.body);
  } catch (error) {
    if (!(error instanceof HubSpotHttpError)) throw error;
    sendJson(response, error.status, error.toBody("control"));
  }
}

export async function startHubSpotStandIn(options: HubSpotStandInOptions = {}): Promise<HubSpotStandIn> {
  const startupFaults = faultConfigSchema.parse(options.faults ?? {});
  const startupTokens = options.tokens ?? [DEFAULT_TOKEN];
  const log = options.log ?? (() => {});
  const config = initialConfig(options);
  // The clock tests move (POST /__control/clock): real time plus this offset.
  let clockOffsetMs = 0;
  const runtime: StandInRuntime = {
    store: new StandInStore(options.initialState ?? seededSnapshot()),
    limiter: new RateLimiter({ per10s: config.rateLimitPer10s, daily: config.dailyLimit, timeZone: config.timeZone }),
    faults: new FaultInjector(options.seed ?? 1, startupFaults),
    requestLog: new RequestLog(),
    tokens: new Set(startupTokens),
    config,
    portalId: options.portalId ?? DEFAULT_PORTAL_ID,
    orderRandom: seededRandom(options.seed ?? 1),
    log,
    timers: new Set(),
    now: () => Date.now() + clockOffsetMs,
  };

  const target: ControlTarget = {
    snapshot: () => runtime.store.snapshot(),
    requests: () => runtime.requestLog.list(),
    clearRequests: () => runtime.requestLog.clear(),
    reset: () => {
      runtime.store.load(seededSnapshot());
      runtime.requestLog.clear();
      runtime.limiter.reset();
      runtime.faults.setConfig(startupFaults);
      runtime.faults.reseed();
      runtime.orderRandom = seededRandom(options.seed ?? 1);
      runtime.tokens = new Set(startupTokens);
      clockOffsetMs = 0;
      target.configure(initialConfig(options));
    },
    faults: () => runtime.faults.getConfig(),
    setFaults: (faults) => {
      runtime.faults.setConfig(faultConfigSchema.parse(faults));
      log(`[hubspot stand-in] faults set to ${JSON.stringify(faults)}`);
    },
    config: () => ({ ...runtime.config }),
    configure: (patch) => {
      runtime.config = {
        ...runtime.config,
        ...Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)),
      };
      runtime.limiter.setLimits({
        per10s: runtime.config.rateLimitPer10s,
        daily: runtime.config.dailyLimit,
        timeZone: runtime.config.timeZone,
      });
    },
    clock: () => ({ now: new Date(runtime.now()).toISOString(), offsetMs: clockOffsetMs }),
    setClock: (at) => {
      clockOffsetMs = at === null ? 0 : at.getTime() - Date.now();
    },
    tokens: () => [...runtime.tokens],
    addTokens: (tokens) => tokens.forEach((token) => runtime.tokens.add(token)),
    revokeTokens: (tokens) => tokens.forEach((token) => runtime.tokens.delete(token)),
    createContact: (input) => createContactAsUser(runtime.store, input, new Date()),
    editContact: (id, properties) => editContactAsUser(runtime.store, id, properties, new Date()),
    mergeContacts: (primaryObjectId, objectIdToMerge) =>
      mergeContactsAsUser(runtime.store, primaryObjectId, objectIdToMerge, new Date()),
    archiveContact: (id) => archiveContactAsUser(runtime.store, id, new Date()),
    inspectContact: (id) => inspectContact(runtime.store, id),
  };
  const control = controlRoutes(target);

  const server = createServer((request, response) => {
    const pathname = (request.url ?? "/").split("?")[0] ?? "/";
    const work = pathname.startsWith("/__control/")
      ? handleControlRequest(runtime, control, request, response)
      : API_PREFIXES.some((prefix) => pathname.startsWith(prefix))
        ? handleApiRequest(runtime, API_ROUTES, request, response)
        : Promise.resolve(
            sendJson(response, 404, {
              status: "error",
              message: `Unknown path ${pathname}`,
              category: "OBJECT_NOT_FOUND",
              correlationId: "none",
            }),
          );
    work.catch((error: unknown) => {
      log(
        `[hubspot stand-in] unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      sendJson(response, 500, {
        status: "error",
        message: "internal error",
        category: "INTERNAL_ERROR",
        correlationId: "none",
      });
    });
  });

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === "string")
    throw new Error("The HubSpot stand-in is not listening on a TCP port.");
  const { port } = address;

  return {
    ...target,
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    portalId: runtime.portalId,
    state: runtime.store,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of runtime.timers) clearTimeout(timer);
        runtime.timers.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
