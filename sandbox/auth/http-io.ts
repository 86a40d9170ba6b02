/** Request/response plumbing for node:http: JSON bodies, CORS, and the zod gate on bodies. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";
import { badRequest, AuthHttpError } from "./auth-error";

const MAX_BODY_BYTES = 1024 * 1024;

/** Every header the Supabase clients send cross-origin (supabase-js `cors.ts` plus auth-js's version header). */
const ALLOWED_HEADERS = "authorization, apikey, content-type, x-client-info, x-supabase-api-version, x-retry-count";
const ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";

export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new AuthHttpError(413, "request_too_large", "Request body too large");
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8").trim();
  if (text === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw badRequest("bad_json", `Could not parse request body as JSON: ${(error as Error).message}`);
  }
}

/** Parses a request body; a shape mismatch is GoTrue's 400 `validation_failed`, never a 500. */
export async function readBody<T extends z.ZodType>(req: IncomingMessage, schema: T): Promise<z.infer<T>> {
  const parsed = schema.safeParse(await readJsonBody(req));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`);
    throw badRequest("validation_failed", `Invalid request body: ${problems.join("; ")}`);
  }
  return parsed.data;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(payload),
  });
  res.end(payload);
}

export function sendEmpty(res: ServerResponse, status: number): void {
  res.writeHead(status);
  res.end();
}

/**
 * The browser client (createBrowserClient) calls /auth/v1 cross-origin with credentials-free
 * fetches carrying custom headers, so every response echoes the Origin and exposes the API
 * version header — without it auth-js in the browser cannot read `code` from error bodies.
 */
export function applyCorsHeaders(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  if (!origin) return;
  res.setHeader("Access-Control-Allow-Origin", origin);
  res.setHeader("Access-Control-Allow-Credentials", "true");
  res.setHeader("Access-Control-Expose-Headers", "X-Supabase-Api-Version, Content-Length");
  res.setHeader("Vary", "Origin");
}

export function sendPreflight(res: ServerResponse): void {
  res.setHeader("Access-Control-Allow-Methods", ALLOWED_METHODS);
  res.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
  res.setHeader("Access-Control-Max-Age", "600");
  sendEmpty(res, 204);
}

export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** `Authorization: Bearer <token>` (GoTrue's bearerRegexp is case-insensitive on the scheme). */
export function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(headerValue(req, "authorization") ?? "");
  return match?.[1];
}
