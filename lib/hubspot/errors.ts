/**
 * Typed HubSpot failures. Every failed call ends in exactly one `HubSpotError` carrying the HTTP
 * status (null when no answer arrived), a category callers can switch on, and the wait HubSpot
 * asked for, so rate limits come back as data instead of as a log line.
 */
import { errorBodySchema } from "./response-schemas";

export type HubSpotErrorCategory =
  | "rate_limited"
  /** 429 with policyName DAILY: the account's daily limit is spent; nothing passes before midnight in its time zone. */
  | "daily_limit"
  | "unauthorized"
  | "forbidden"
  | "validation"
  | "not_found"
  | "conflict"
  | "server"
  | "network"
  | "timeout"
  | "malformed_response";

/** Failures that may pass if the same request is sent again later. */
const TRANSIENT: ReadonlySet<HubSpotErrorCategory> = new Set([
  "rate_limited",
  "server",
  "network",
  "timeout",
  "malformed_response",
]);

export interface HubSpotErrorInit {
  message: string;
  status: number | null;
  category: HubSpotErrorCategory;
  retryAfterMs?: number | null;
  correlationId?: string;
  /** The parsed JSON error body when there was one, else the raw text (truncated). */
  body?: unknown;
  /** Defaults to whether the category is transient. */
  isRetryable?: boolean;
  method?: string;
  path?: string;
  /** How many HTTP attempts were made before giving up. */
  attempts?: number;
  cause?: unknown;
}

export class HubSpotError extends Error {
  readonly status: number | null;
  readonly category: HubSpotErrorCategory;
  readonly retryAfterMs: number | null;
  readonly correlationId?: string;
  readonly body?: unknown;
  readonly isRetryable: boolean;
  readonly method?: string;
  readonly path?: string;
  readonly attempts: number;

  constructor(init: HubSpotErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "HubSpotError";
    this.status = init.status;
    this.category = init.category;
    this.retryAfterMs = init.retryAfterMs ?? null;
    if (init.correlationId !== undefined) this.correlationId = init.correlationId;
    if (init.body !== undefined) this.body = init.body;
    this.isRetryable = init.isRetryable ?? TRANSIENT.has(init.category);
    if (init.method !== undefined) this.method = init.method;
    if (init.path !== undefined) this.path = init.path;
    this.attempts = init.attempts ?? 1;
  }
}

export function isHubSpotError(error: unknown): error is HubSpotError {
  return error instanceof HubSpotError;
}

/** HubSpot refused the call because the account's daily API limit is used up (docs/ARCHITECTURE.md, "Daily quota"). */
export function isDailyLimitError(error: unknown): error is HubSpotError {
  return error instanceof HubSpotError && error.category === "daily_limit";
}

export function categoryForStatus(status: number): HubSpotErrorCategory {
  if (status === 429) return "rate_limited";
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 409) return "conflict";
  if (status === 408) return "timeout";
  if (status >= 500) return "server";
  return "validation";
}

const HINTS: Partial<Record<HubSpotErrorCategory, string>> = {
  unauthorized: " (the access token is invalid, expired or revoked)",
  forbidden: " (the private app lacks a scope this call needs)",
};

const MAX_RAW_BODY_CHARS = 2_000;

/** Builds the error for a non-2xx answer; the body is parsed as HubSpot's error JSON when it is one. */
export function errorFromResponse(input: {
  status: number;
  text: string;
  method: string;
  path: string;
  correlationIdHeader: string | null;
  retryAfterMs?: number | null;
  attempts?: number;
}): HubSpotError {
  const category = categoryForStatus(input.status);
  const parsed = parseErrorBody(input.text);
  const detail = parsed?.message ?? (input.text.trim().slice(0, 200) || "no body");
  return new HubSpotError({
    message: `HubSpot ${input.method} ${input.path} failed with ${input.status}${HINTS[category] ?? ""}: ${detail}`,
    status: input.status,
    category,
    retryAfterMs: input.retryAfterMs ?? null,
    correlationId: parsed?.correlationId ?? input.correlationIdHeader ?? undefined,
    body: parsed ?? (input.text.length > 0 ? input.text.slice(0, MAX_RAW_BODY_CHARS) : undefined),
    method: input.method,
    path: input.path,
    attempts: input.attempts ?? 1,
  });
}

function parseErrorBody(text: string) {
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    // Not JSON (a gateway's HTML page, say): the raw text is kept on the error instead.
    return null;
  }
}
