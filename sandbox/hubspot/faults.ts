/**
 * Injected failures for resilience tests and demos: 5xx answers, 429 storms, hung requests and
 * truncated JSON. Decisions come from a seeded RNG, so a given seed and request order always
 * fault the same requests. A faulted request never reaches a handler, so state is untouched.
 */
import { z } from "zod";

const rate = z.number().min(0).max(1).optional();

export const faultConfigSchema = z
  .strictObject({
    error5xxRate: rate,
    rate429Rate: rate,
    timeoutRate: rate,
    timeoutMs: z.number().int().min(0).optional(),
    malformedRate: rate,
    failNext: z
      .strictObject({
        status: z.number().int().min(400).max(599),
        count: z.number().int().min(0),
        body: z.string().optional(),
      })
      .optional(),
    /** Path prefixes the faults apply to; all API paths when absent or empty. */
    onlyPaths: z.array(z.string()).optional(),
  })
  .refine(
    (config) =>
      (config.error5xxRate ?? 0) +
        (config.rate429Rate ?? 0) +
        (config.timeoutRate ?? 0) +
        (config.malformedRate ?? 0) <=
      1,
    {
      message: "The fault rates must add up to at most 1",
    },
  );
export type FaultConfig = z.infer<typeof faultConfigSchema>;

export type FaultKind = "fail_next" | "error_5xx" | "rate_429" | "timeout" | "malformed";

export type FaultDecision =
  | { kind: "fail_next"; status: number; body: string | undefined }
  | { kind: "error_5xx"; status: 500 | 502 | 503 }
  | { kind: "rate_429" }
  | { kind: "timeout"; holdMs: number }
  | { kind: "malformed" };

export const DEFAULT_TIMEOUT_MS = 30_000;
const SERVER_ERROR_STATUSES = [500, 502, 503] as const;

/** mulberry32: tiny, fast and good enough to spread faults evenly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export class FaultInjector {
  private config: FaultConfig = {};
  private failNextRemaining = 0;
  private random: () => number;

  constructor(
    private readonly seed: number,
    config: FaultConfig = {},
  ) {
    this.random = seededRandom(seed);
    this.setConfig(config);
  }

  setConfig(config: FaultConfig): void {
    this.config = structuredClone(config);
    this.failNextRemaining = config.failNext?.count ?? 0;
  }

  getConfig(): FaultConfig {
    return {
      ...structuredClone(this.config),
      ...(this.config.failNext ? { failNext: { ...this.config.failNext, count: this.failNextRemaining } } : {}),
    };
  }

  /** Restarts the random sequence, so a reset stand-in faults the same requests again. */
  reseed(): void {
    this.random = seededRandom(this.seed);
  }

  decide(pathname: string): FaultDecision | null {
    const { onlyPaths } = this.config;
    if (onlyPaths && onlyPaths.length > 0 && !onlyPaths.some((prefix) => pathname.startsWith(prefix))) return null;
    const { failNext } = this.config;
    if (failNext && this.failNextRemaining > 0) {
      this.failNextRemaining -= 1;
      return { kind: "fail_next", status: failNext.status, body: failNext.body };
    }
    const draw = this.random();
    const thresholds: Array<[number, () => FaultDecision]> = [
      [this.config.timeoutRate ?? 0, () => ({ kind: "timeout", holdMs: this.config.timeoutMs ?? DEFAULT_TIMEOUT_MS })],
      [
        this.config.error5xxRate ?? 0,
        () => ({ kind: "error_5xx", status: SERVER_ERROR_STATUSES[Math.floor(this.random() * 3)] ?? 500 }),
      ],
      [this.config.rate429Rate ?? 0, () => ({ kind: "rate_429" })],
      [this.config.malformedRate ?? 0, () => ({ kind: "malformed" })],
    ];
    let upper = 0;
    for (const [probability, make] of thresholds) {
      upper += probability;
      if (draw < upper) return make();
    }
    return null;
  }
}

export function serverErrorBody(status: number, correlationId: string) {
  const message =
    {
      500: "internal error",
      502: "Bad Gateway: the upstream service did not answer in time",
      503: "Service Unavailable: please retry",
    }[status] ?? "error";
  return {
    status: "error",
    message,
    correlationId,
    category: status === 503 ? "SERVICE_UNAVAILABLE" : "INTERNAL_ERROR",
  };
}

/** What a proxy cut mid-stream looks like: a 200 whose JSON stops halfway. */
export const MALFORMED_BODY = '{"status":"COMPLETE","results":[{"id":"1","properties":{"email":"trunc';
