/**
 * Test helpers for the auth stand-in: a recording fetch, the real supabase-js client configured
 * the way a Node 20 server must configure it, raw calls, and quick users.
 */
import { randomBytes } from "node:crypto";
import { createClient, type RealtimeClientOptions } from "@supabase/supabase-js";
import WebSocket from "ws";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { getFreePort } from "@/test/support/ports";
import { type AuthStandIn, type AuthStandInOptions, startAuthStandIn } from "@/sandbox/auth/server";
import type { Queryable } from "@/sandbox/auth/user-record";
import { createAuthUser, type CreateAuthUserInput } from "@/sandbox/auth/users";

type RealtimeTransport = NonNullable<RealtimeClientOptions["transport"]>;

export const TEST_KEY = "sb_publishable_test_key";
export const TEST_PASSWORD = "correct horse battery";

export interface RecordedCall {
  method: string;
  path: string;
}

/** A fetch that records method + path of every call, so a test can prove what did NOT hit the server. */
export function recordingFetch(): { fetch: typeof fetch; calls: RecordedCall[]; paths: () => string[] } {
  const calls: RecordedCall[] = [];
  const wrapped: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    calls.push({ method: init?.method ?? (input instanceof Request ? input.method : "GET"), path: url.pathname });
    return fetch(input, init);
  };
  return { fetch: wrapped, calls, paths: () => calls.map((call) => call.path) };
}

/**
 * Node 20 has no global WebSocket and supabase-js builds its realtime client eagerly, so
 * createClient throws ("Node.js 20 detected without native WebSocket support") unless a
 * transport is passed — `ws` here, and the same applies to the app's server clients. ws
 * implements the WebSocket API realtime-js uses; only its TypeScript event types differ from the
 * DOM ones realtime-js declares, hence the cast.
 */
export const nodeWebSocketTransport = WebSocket as unknown as RealtimeTransport;

export function createTestClient(url: string, options: { key?: string; fetch?: typeof fetch } = {}) {
  return createClient(url, options.key ?? TEST_KEY, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: nodeWebSocketTransport },
    global: options.fetch ? { fetch: options.fetch } : {},
  });
}

/** An auth stand-in on a free port over `db`, accepting TEST_KEY; `options` adds or overrides settings. */
export async function startTestAuthStandIn(
  db: TestDatabase,
  options: Partial<AuthStandInOptions> = {},
): Promise<AuthStandIn> {
  return startAuthStandIn({ databaseUrl: db.url, port: await getFreePort(), publishableKey: TEST_KEY, ...options });
}

export interface TestAuthStack {
  db: TestDatabase;
  auth: AuthStandIn;
}

/** A fresh database and a stand-in over it (for a file's beforeAll); stop it with stopTestAuthStack. */
export async function startTestAuthStack(options: Partial<AuthStandInOptions> = {}): Promise<TestAuthStack> {
  const db = await createTestDatabase();
  return { db, auth: await startTestAuthStandIn(db, options) };
}

/** Tolerates a beforeAll that failed half-way (either part may be missing). */
export async function stopTestAuthStack(stack: Partial<TestAuthStack>): Promise<void> {
  await stack.auth?.stop();
  await stack.db?.drop();
}

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}@Example.test`;
}

/** Cost 4 keeps the suite fast; sign-in reads the cost from the stored hash. */
export async function createTestUser(db: Queryable, overrides: Partial<CreateAuthUserInput> & { email: string }) {
  return createAuthUser(db, { password: TEST_PASSWORD, bcryptCost: 4, ...overrides });
}

interface RawResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/** A call without any client library: for asserting exact statuses and bodies. */
export async function rawCall(
  baseUrl: string,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: unknown; apiVersion?: boolean } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = { apikey: TEST_KEY, ...options.headers };
  if (options.apiVersion !== false) headers["X-Supabase-Api-Version"] ??= "2024-01-01";
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === "" ? undefined : (JSON.parse(text) as unknown),
  };
}

export interface RawSession {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  expires_at: number;
  token_type: string;
  user: { id: string; email: string; last_sign_in_at?: string; app_metadata: Record<string, unknown> };
}

export async function rawSignIn(baseUrl: string, email: string, password = TEST_PASSWORD): Promise<RawSession> {
  const response = await rawCall(baseUrl, "POST", "/auth/v1/token?grant_type=password", { body: { email, password } });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as RawSession;
}

export async function rawRefresh(baseUrl: string, refreshToken: string): Promise<RawResponse> {
  return rawCall(baseUrl, "POST", "/auth/v1/token?grant_type=refresh_token", { body: { refresh_token: refreshToken } });
}

/** Re-signs nothing: swaps the payload of a JWT, keeping the original signature (a forgery). */
export function forgePayload(token: string, changes: Record<string, unknown>): string {
  const [header, payload, signature] = token.split(".");
  if (!header || !payload || !signature) throw new Error("not a JWT");
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
  const forged = Buffer.from(JSON.stringify({ ...claims, ...changes })).toString("base64url");
  return `${header}.${forged}.${signature}`;
}
