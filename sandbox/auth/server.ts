/**
 * Local stand-in for Supabase Auth (GoTrue) + the API gateway in front of it, speaking the HTTP
 * contract @supabase/supabase-js and @supabase/ssr use: only the project URL differs from
 * production. Users live in auth.users of the app's Postgres; passwords are bcrypt hashes checked
 * by pgcrypto; access tokens are ES256 JWTs published at /auth/v1/.well-known/jwks.json.
 * /token is rate-limited per IP like GoTrue (150 per 5 minutes by default); /__control/ has test
 * knobs (handle-control.ts). Never part of the Next.js app.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { z } from "zod";
import { handleRequest } from "./handle-request";
import { loadOrCreateSigningKey } from "./signing-key";
import type { StandInContext } from "./stand-in-context";
import {
  createTokenRateLimiter,
  DEFAULT_TOKEN_RATE_LIMIT,
  tokenRateLimitSchema,
  type TokenRateLimit,
} from "./token-rate-limit";

export const DEFAULT_PUBLISHABLE_KEY = "sb_publishable_demo_local";

export interface AuthStandInOptions {
  /** 0 (default) = any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  databaseUrl: string;
  /** Default "sb_publishable_demo_local". */
  publishableKey?: string;
  /** Persist the ES256 key pair as JSON here (demo: .data/auth-signing-key.json); omitted → ephemeral key. */
  keyFile?: string;
  /** Default 3600. 0 mints tokens that are already expired (tests of expiry). */
  accessTokenTtlSeconds?: number;
  /**
   * GoTrue's REFRESH_TOKEN_REUSE_INTERVAL: how long a spent refresh token that is NOT the direct
   * parent of the live one may still be exchanged (for a new token). The direct parent always gets
   * the live token back. Default 10.
   */
  refreshTokenReuseIntervalSeconds?: number;
  /** Enables POST /auth/v1/admin/users for `Authorization: Bearer <serviceKey>`; omitted → admin API refuses. */
  serviceKey?: string;
  /** GoTrue's per-IP limit on POST /token. Default 150 requests per 300 s (GOTRUE_RATE_LIMIT_TOKEN_REFRESH). */
  tokenRateLimit?: TokenRateLimit;
  log?: (line: string) => void;
}

export interface AuthStandIn {
  /** The Supabase project URL, e.g. http://127.0.0.1:54321 (endpoints under /auth/v1). */
  url: string;
  port: number;
  stop(): Promise<void>;
}

const optionsSchema = z.object({
  port: z.number().int().min(0).max(65535).default(0),
  host: z.string().min(1).default("127.0.0.1"),
  databaseUrl: z.string().min(1, "databaseUrl is required"),
  publishableKey: z.string().min(1).default(DEFAULT_PUBLISHABLE_KEY),
  keyFile: z.string().min(1).optional(),
  accessTokenTtlSeconds: z.number().int().min(0).default(3600),
  refreshTokenReuseIntervalSeconds: z.number().min(0).default(10),
  serviceKey: z.string().min(16, "serviceKey must be at least 16 characters").optional(),
  tokenRateLimit: tokenRateLimitSchema.default(DEFAULT_TOKEN_RATE_LIMIT),
});

async function assertAuthSchema(pool: pg.Pool): Promise<void> {
  try {
    await pool.query("select 1 from auth.users, auth.sessions, auth.refresh_tokens limit 0");
    await pool.query("select extensions.crypt('x', extensions.gen_salt('bf', 4))");
  } catch (error) {
    throw new Error(
      `Auth stand-in: the database lacks the Supabase auth schema or pgcrypto in schema "extensions" ` +
        `(apply sandbox/sql/supabase-prep.sql): ${(error as Error).message}`,
    );
  }
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startAuthStandIn(options: AuthStandInOptions): Promise<AuthStandIn> {
  const { log: logOption, ...rest } = options;
  const config = optionsSchema.parse(rest);
  const log = logOption ?? (() => {});
  const key = await loadOrCreateSigningKey(config.keyFile);
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 5 });
  // An idle client dropped by the server must not crash the process; the next query reconnects.
  pool.on("error", (error) => log(`[auth] idle database connection error: ${error.message}`));
  try {
    await assertAuthSchema(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }

  const context: StandInContext = {
    pool,
    key,
    issuer: "",
    accessTokenTtlSeconds: config.accessTokenTtlSeconds,
    refreshTokenReuseIntervalSeconds: config.refreshTokenReuseIntervalSeconds,
    publishableKey: config.publishableKey,
    serviceKey: config.serviceKey,
    tokenRateLimiter: createTokenRateLimiter(config.tokenRateLimit),
    stats: { tokenRequests: { password: 0, refresh_token: 0, other: 0 }, rateLimited: 0 },
  };
  const server = http.createServer((req, res) => {
    handleRequest(context, req, res, log).catch((error: unknown) => {
      log(`[auth] request handling failed: ${(error as Error).stack ?? String(error)}`);
      res.destroy();
    });
  });
  let port: number;
  try {
    port = await listen(server, config.port, config.host);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const hostForUrl = config.host.includes(":") ? `[${config.host}]` : config.host;
  const url = `http://${hostForUrl}:${port}`;
  context.issuer = `${url}/auth/v1`;
  log(`[auth] stand-in listening on ${url} (key ${key.kid})`);

  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    stop() {
      stopping ??= (async () => {
        await new Promise<void>((resolve, reject) => {
          server.close((error) => (error ? reject(error) : resolve()));
          // Keep-alive sockets of idle clients would hold close() open.
          server.closeIdleConnections();
        });
        await pool.end();
      })();
      return stopping;
    },
  };
}
