/**
 * Test-only helpers for lib/hubspot: a guard that fails any request leaving the machine (no test
 * may reach api.hubapi.com), a virtual clock shared with the in-process stand-in, and a scripted
 * transport for answers the stand-in cannot produce. Imported by *.test.ts files only.
 */
import http from "node:http";
import https from "node:https";
import { afterAll, afterEach, beforeAll, beforeEach, expect, vi } from "vitest";
import { createHubSpotClient, type HubSpotClient, type HubSpotClientConfig } from "@/lib/hubspot/client";
import { applyPropertyPlan } from "@/lib/hubspot/properties/apply-property-plan";
import { planProperties } from "@/lib/hubspot/properties/plan-properties";
import type { RawRequest, RawResponse, Transport } from "@/lib/hubspot/transport/sdk-transport";
import {
  DEFAULT_TOKEN,
  type HubSpotStandIn,
  type HubSpotStandInOptions,
  startHubSpotStandIn,
} from "@/sandbox/hubspot/server";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

function hostOf(target: unknown): string | undefined {
  if (typeof target === "string") return new URL(target).hostname;
  if (target instanceof URL) return target.hostname;
  if (typeof target === "object" && target !== null) {
    const options = target as { hostname?: unknown; host?: unknown };
    const host = options.hostname ?? options.host;
    return typeof host === "string" ? host.replace(/:\d+$/, "") : undefined;
  }
  return undefined;
}

/** Patches http(s).request/get and fetch; returns the blocked targets and an undo function. */
export function denyExternalNetwork(): { violations: string[]; restore(): void } {
  const violations: string[] = [];
  const restorers: Array<() => void> = [];
  const guard = <F extends (...args: never[]) => unknown>(owner: Record<string, unknown>, key: string, original: F) => {
    owner[key] = (...args: Parameters<F>) => {
      const host = hostOf(args[0]);
      if (host === undefined || !LOOPBACK.has(host)) {
        violations.push(`${key} ${host ?? "unknown host"}`);
        throw new Error(`Test tried to reach ${host ?? "an unknown host"}: only the in-process stand-in is allowed`);
      }
      return original(...args);
    };
    restorers.push(() => {
      owner[key] = original;
    });
  };
  for (const client of [http, https]) {
    const owner = client as unknown as Record<string, unknown>;
    guard(owner, "request", client.request.bind(client));
    guard(owner, "get", client.get.bind(client));
  }
  guard(globalThis as unknown as Record<string, unknown>, "fetch", globalThis.fetch.bind(globalThis));
  return { violations, restore: () => restorers.forEach((restore) => restore()) };
}

/**
 * Fakes only `Date` (timers stay real, so HTTP works): the client's clock and the in-process
 * stand-in's rate windows move together, and `sleep` jumps instead of waiting.
 */
export function useVirtualClock(start = Date.UTC(2026, 0, 5, 12)): {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  sleeps: number[];
  restore(): void;
} {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(start);
  const sleeps: number[] = [];
  return {
    now: () => Date.now(),
    sleeps,
    sleep: async (ms) => {
      sleeps.push(ms);
      vi.setSystemTime(Date.now() + ms);
    },
    restore: () => vi.useRealTimers(),
  };
}

export interface ScriptedAnswer {
  status: number;
  body?: unknown;
  /** Raw body text; wins over `body`. */
  text?: string;
  headers?: Record<string, string>;
}

/** A transport answering from a function of the request; records every request it was given. */
export function scriptedTransport(
  answer: (request: RawRequest, index: number) => ScriptedAnswer | Promise<ScriptedAnswer>,
): Transport & { sent: RawRequest[] } {
  const sent: RawRequest[] = [];
  const transport = async (request: RawRequest): Promise<RawResponse> => {
    sent.push(request);
    const reply = await answer(request, sent.length - 1);
    const headers = new Map(Object.entries(reply.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
    return {
      status: reply.status,
      headers: { get: (name) => headers.get(name.toLowerCase()) ?? null },
      text: reply.text ?? JSON.stringify(reply.body ?? {}),
    };
  };
  return Object.assign(transport, { sent });
}

/**
 * One in-process stand-in for the whole file behind `denyExternalNetwork`: reset before every test,
 * and every test fails if anything tried to leave the machine. Register further beforeEach hooks
 * after calling this, so they run on the freshly reset stand-in.
 */
export function setUpGuardedStandIn(options: HubSpotStandInOptions = {}): {
  standIn: HubSpotStandIn;
  network: ReturnType<typeof denyExternalNetwork>;
} {
  const context = {} as { standIn: HubSpotStandIn; network: ReturnType<typeof denyExternalNetwork> };
  beforeAll(async () => {
    context.network = denyExternalNetwork();
    context.standIn = await startHubSpotStandIn(options);
  });
  afterAll(async () => {
    await context.standIn.stop();
    context.network.restore();
  });
  beforeEach(() => context.standIn.reset());
  afterEach(() => expect(context.network.violations).toEqual([]));
  return context;
}

/** The app's client pointed at the stand-in, with a generous budget and no real waiting. */
export function connectToStandIn(standIn: HubSpotStandIn, overrides: Partial<HubSpotClientConfig> = {}): HubSpotClient {
  return createHubSpotClient({
    accessToken: DEFAULT_TOKEN,
    baseUrl: standIn.url,
    ratePer10s: 100,
    sleep: async () => {},
    ...overrides,
  });
}

/**
 * Before every test (register after setUpGuardedStandIn, so it runs on the reset stand-in): creates
 * the levels' properties through the app's own plan, then forgets those requests so a test's
 * assertions see only its own calls.
 */
export function applyLevelPropertiesBeforeEach(hub: { standIn: HubSpotStandIn }, levels: string[] = ["a1"]): void {
  beforeEach(async () => {
    const client = connectToStandIn(hub.standIn);
    await applyPropertyPlan(client, await planProperties(client, levels));
    hub.standIn.clearRequests();
  });
}
