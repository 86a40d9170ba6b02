/**
 * `/__control/*`: unauthenticated knobs for tests, e2e and the demo. Not part of HubSpot's API,
 * never rate limited, faulted or logged.
 */
import { z } from "zod";
import type { StandInConfig } from "./api-pipeline";
import { type FaultConfig, faultConfigSchema } from "./faults";
import type { StoreSnapshot } from "./model";
import type { RequestLogEntry } from "./request-log";
import { resultOrderSchema } from "./result-order";
import { type ContactControlTarget, contactControlRoutes } from "./routes-control-contacts";
import type { Route } from "./router";
import { parseBody } from "./schemas-shared";
import { isKnownTimeZone } from "@/lib/contracts/account-day";

export interface ControlTarget extends ContactControlTarget {
  snapshot(): StoreSnapshot;
  requests(): RequestLogEntry[];
  clearRequests(): void;
  reset(): void;
  faults(): FaultConfig;
  setFaults(config: FaultConfig): void;
  config(): StandInConfig;
  configure(config: Partial<StandInConfig>): void;
  tokens(): string[];
  addTokens(tokens: string[]): void;
  revokeTokens(tokens: string[]): void;
  /** The stand-in's clock: what it takes as now (rate windows, the account day) and its offset from real time. */
  clock(): { now: string; offsetMs: number };
  /** Moves the clock so that now is `at` (it keeps ticking from there); null: back to real time. */
  setClock(at: Date | null): void;
}

export const configPatchSchema = z.strictObject({
  rateLimitPer10s: z.number().int().min(1).optional(),
  dailyLimit: z.number().int().min(1).optional(),
  latencyMs: z.number().int().min(0).optional(),
  retryAfterHeader: z.boolean().optional(),
  batchResultOrder: resultOrderSchema.optional(),
  timeZone: z.string().refine(isKnownTimeZone, "must be an IANA time zone such as America/New_York").optional(),
});

const clockPatchSchema = z.strictObject({ now: z.iso.datetime({ offset: true }).nullable() });

const tokensPatchSchema = z.strictObject({
  add: z.array(z.string().min(1)).optional(),
  revoke: z.array(z.string().min(1)).optional(),
});

export function controlRoutes(target: ControlTarget): Route[] {
  return [
    ...contactControlRoutes(target),
    { method: "GET", pattern: "/__control/state", handler: () => ({ status: 200, body: target.snapshot() }) },
    {
      method: "GET",
      pattern: "/__control/requests",
      handler: () => ({ status: 200, body: { requests: target.requests() } }),
    },
    {
      method: "DELETE",
      pattern: "/__control/requests",
      handler: () => {
        target.clearRequests();
        return { status: 204, body: undefined };
      },
    },
    {
      method: "POST",
      pattern: "/__control/reset",
      handler: () => {
        target.reset();
        return { status: 204, body: undefined };
      },
    },
    { method: "GET", pattern: "/__control/faults", handler: () => ({ status: 200, body: target.faults() }) },
    {
      method: "POST",
      pattern: "/__control/faults",
      handler: (context) => {
        target.setFaults(parseBody(faultConfigSchema, context.body ?? {}));
        return { status: 200, body: target.faults() };
      },
    },
    { method: "GET", pattern: "/__control/config", handler: () => ({ status: 200, body: target.config() }) },
    {
      method: "POST",
      pattern: "/__control/config",
      handler: (context) => {
        target.configure(parseBody(configPatchSchema, context.body ?? {}));
        return { status: 200, body: target.config() };
      },
    },
    { method: "GET", pattern: "/__control/clock", handler: () => ({ status: 200, body: target.clock() }) },
    {
      method: "POST",
      pattern: "/__control/clock",
      handler: (context) => {
        const { now } = parseBody(clockPatchSchema, context.body ?? {});
        target.setClock(now === null ? null : new Date(now));
        return { status: 200, body: target.clock() };
      },
    },
    {
      method: "POST",
      pattern: "/__control/tokens",
      handler: (context) => {
        const patch = parseBody(tokensPatchSchema, context.body ?? {});
        target.addTokens(patch.add ?? []);
        target.revokeTokens(patch.revoke ?? []);
        return { status: 200, body: { tokens: target.tokens() } };
      },
    },
  ];
}
