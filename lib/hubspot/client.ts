/**
 * The HubSpot client the sync engine uses: `@hubspot/api-client` underneath (raw `apiRequest`),
 * every call through one request policy (shared rate budget, timeouts, retries), every answer
 * parsed with zod, every failure a `HubSpotError`. Framework-free: the CLI runs it under tsx.
 */
import { z } from "zod";
import type { PropertyDefinition, PropertyOption } from "./properties/property-contract";
import { createPropertyRequests, type CallHubSpot, type PropertyCreateError } from "./properties/property-requests";
import { SlidingWindowLimiter } from "./transport/rate-limiter";
import { type HubSpotEvent, type HubSpotStats, type RequestPolicy, sendWithPolicy } from "./transport/request-policy";
import {
  accountDetailsSchema,
  type HubSpotProperty,
  type HubSpotPropertyGroup,
  readResponseSchema,
  upsertResponseSchema,
  writeResponseSchema,
} from "./response-schemas";
import { RATE_WINDOW_MS } from "./transport/retry-timing";
import { createSdkTransport, type Transport } from "./transport/sdk-transport";
import {
  UPSERT_PATH,
  upsertContactBatch,
  type UpsertBatchBody,
  type UpsertBatchResult,
} from "./contacts/upsert-contacts";
import { UPDATE_PATH, updateContactBatch, type UpdateBatchBody } from "./contacts/update-contacts";
import {
  READ_PATH,
  readContactBatch,
  type ReadContactsRequest,
  type ReadContactsResult,
} from "./contacts/read-contacts";

export type { HubSpotEvent, HubSpotStats } from "./transport/request-policy";
export type { HubSpotProperty, HubSpotPropertyGroup, HubSpotPropertyOption } from "./response-schemas";
export type { PropertyCreateError } from "./properties/property-requests";
export type { UpsertBatchBody, UpsertBatchResult, UpsertInput } from "./contacts/upsert-contacts";
export { MAX_UPSERT_INPUTS } from "./contacts/upsert-contacts";
export type { UpdateBatchBody, UpdateInput } from "./contacts/update-contacts";
export type { ReadContactsRequest, ReadContactsResult } from "./contacts/read-contacts";

export interface HubSpotClientConfig {
  accessToken: string;
  baseUrl: string;
  /** Client-side budget per rolling 10 s (HUBSPOT_RATE_LIMIT_PER_10S). */
  ratePer10s: number;
  /** Total attempts for 5xx, network errors, timeouts and malformed JSON; default 6. */
  maxAttempts?: number;
  /** Per attempt, body included; default 30 000. */
  requestTimeoutMs?: number;
  /** 429s waited out per call before giving up; default 10. */
  maxRateLimitWaits?: number;
  /** A 429 asking for a longer wait is thrown (with retryAfterMs) instead of waited; default 60 000. */
  maxRateLimitWaitMs?: number;
  /** Backoff base and cap (full jitter); defaults 500 and 30 000. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  onEvent?: (event: HubSpotEvent) => void;
  /** Replaces the SDK transport (unit tests of edge cases the stand-in cannot produce). */
  transport?: Transport;
  /** A limiter shared with the process's other clients of the same portal (transport/shared-rate-limiter.ts); default: its own. */
  limiter?: SlidingWindowLimiter;
}

/** Per call: `signal` cancels it (the request in flight, waits and resends); the sync passes its run lease's. */
export interface CallOptions {
  signal?: AbortSignal;
}

export interface HubSpotClient {
  getAccountDetails(): Promise<{ portalId: number; accountType?: string; timeZone?: string }>;
  listContactProperties(): Promise<HubSpotProperty[]>;
  getContactProperty(name: string): Promise<HubSpotProperty>;
  listContactPropertyGroups(): Promise<HubSpotPropertyGroup[]>;
  createContactPropertyGroup(group: {
    name: string;
    label: string;
    displayOrder?: number;
  }): Promise<HubSpotPropertyGroup>;
  /** ≤ 100 per request; rows HubSpot refuses come back in `errors` (409s with category OBJECT_ALREADY_EXISTS). */
  batchCreateContactProperties(
    defs: PropertyDefinition[],
  ): Promise<{ created: string[]; errors: PropertyCreateError[] }>;
  /** Replaces the option list: pass the union of existing and new options. */
  updateContactPropertyOptions(name: string, options: PropertyOption[]): Promise<HubSpotProperty>;
  /** POSTs exactly JSON.stringify(body) to batch/upsert; reads 200/207 per row; splits a whole-batch 400 so good rows still land. */
  upsertContacts(body: UpsertBatchBody, options?: CallOptions): Promise<UpsertBatchResult>;
  /** POSTs exactly JSON.stringify(body) to batch/update (by record id); unknown ids fail as `not_found`, a 409 is narrowed to `email_conflict` rows. */
  updateContacts(body: UpdateBatchBody, options?: CallOptions): Promise<UpsertBatchResult>;
  /** batch/read by record id, ≤ 100 ids; ids HubSpot does not know come back in `missing`. */
  readContacts(request: ReadContactsRequest): Promise<ReadContactsResult>;
  readonly stats: HubSpotStats;
}

const settingsSchema = z.object({
  accessToken: z.string().trim().min(1, "accessToken is required"),
  baseUrl: z.url({ protocol: /^https?$/, error: "baseUrl must be an http(s) URL" }),
  ratePer10s: z.number().int().min(1),
  maxAttempts: z.number().int().min(1).max(20).default(6),
  requestTimeoutMs: z.number().int().positive().default(30_000),
  maxRateLimitWaits: z.number().int().min(0).default(10),
  maxRateLimitWaitMs: z.number().int().min(0).default(60_000),
  baseDelayMs: z.number().int().min(0).default(500),
  maxDelayMs: z.number().int().min(0).default(30_000),
});

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createHubSpotClient(config: HubSpotClientConfig): HubSpotClient {
  const settings = settingsSchema.parse(config);
  const sleep = config.sleep ?? realSleep;
  const now = config.now ?? Date.now;
  const stats: HubSpotStats = { requests: 0, writeRequests: 0, rateLimited: 0, retries: 0 };
  const policy: RequestPolicy = {
    maxAttempts: settings.maxAttempts,
    requestTimeoutMs: settings.requestTimeoutMs,
    maxRateLimitWaits: settings.maxRateLimitWaits,
    maxRateLimitWaitMs: settings.maxRateLimitWaitMs,
    baseDelayMs: settings.baseDelayMs,
    maxDelayMs: settings.maxDelayMs,
    limiter:
      config.limiter ?? new SlidingWindowLimiter({ limit: settings.ratePer10s, windowMs: RATE_WINDOW_MS, now, sleep }),
    transport: config.transport ?? createSdkTransport({ accessToken: settings.accessToken, baseUrl: settings.baseUrl }),
    sleep,
    random: config.random ?? Math.random,
    now,
    stats,
    ...(config.onEvent ? { onEvent: config.onEvent } : {}),
  };
  const call = <T>(
    request: Parameters<CallHubSpot>[0],
    parse: (json: unknown, status: number) => T,
    signal?: AbortSignal,
  ): Promise<T> =>
    sendWithPolicy(
      policy,
      {
        method: request.method,
        path: request.path,
        ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
      },
      parse,
      signal,
    );

  return {
    stats,
    async getAccountDetails() {
      const { portalId, accountType, timeZone } = await call(
        { method: "GET", path: "/account-info/v3/details" },
        (json) => accountDetailsSchema.parse(json),
      );
      return {
        portalId,
        ...(accountType !== undefined ? { accountType } : {}),
        ...(timeZone !== undefined ? { timeZone } : {}),
      };
    },
    ...createPropertyRequests(call),
    upsertContacts: (body, options) =>
      upsertContactBatch(
        (chunk) =>
          call(
            { method: "POST", path: UPSERT_PATH, body: chunk },
            (json) => upsertResponseSchema.parse(json),
            options?.signal,
          ),
        body,
      ),
    updateContacts: (body, options) =>
      updateContactBatch(
        (chunk) =>
          call(
            { method: "POST", path: UPDATE_PATH, body: chunk },
            (json) => writeResponseSchema.parse(json),
            options?.signal,
          ),
        body,
      ),
    readContacts: (request) =>
      readContactBatch(
        (body) => call({ method: "POST", path: READ_PATH, body }, (json) => readResponseSchema.parse(json)),
        request,
      ),
  };
}
