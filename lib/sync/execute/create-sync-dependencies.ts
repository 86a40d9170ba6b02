/**
 * Builds what the engine needs from the environment: a pg Pool on DATABASE_URL and, when a token is
 * set, the HubSpot client (null otherwise: dry runs say "unverified", live runs refuse clearly).
 * In the Next.js server pass the process-wide pool (`{ pool: getPool() }`) so requests share it.
 */
import pg from "pg";
import { z } from "zod";
import { SCHEMA_NAME_PATTERN } from "@/lib/contracts/names";
import { serverEnv, type ServerEnv } from "@/lib/config/env";
import { createHubSpotClient } from "@/lib/hubspot/client";
import { getSharedRateLimiter } from "@/lib/hubspot/transport/shared-rate-limiter";
import type { SyncHubSpotClient } from "@/lib/sync/hubspot-port";

export type SyncEnv = Pick<
  ServerEnv,
  "DATABASE_URL" | "HUBSPOT_ACCESS_TOKEN" | "HUBSPOT_BASE_URL" | "HUBSPOT_RATE_LIMIT_PER_10S" | "SOURCE_SCHEMA"
>;

const syncEnvSchema = z.object({
  DATABASE_URL: z.string().min(1, "DATABASE_URL is required (a Postgres connection string)"),
  HUBSPOT_ACCESS_TOKEN: z.string().trim().min(1).optional(),
  HUBSPOT_BASE_URL: z.url().default("https://api.hubapi.com"),
  HUBSPOT_RATE_LIMIT_PER_10S: z.coerce.number().int().min(1).max(1000).default(100),
  SOURCE_SCHEMA: z.string().regex(SCHEMA_NAME_PATTERN, "SOURCE_SCHEMA must be a plain schema name").default("public"),
});

/** Only what the sync needs (the CLI and benchmark have no Supabase URL or keys). Empty strings count as unset. */
export function parseSyncEnv(source: NodeJS.ProcessEnv): SyncEnv {
  const cleaned = Object.fromEntries(
    Object.entries(source).map(([key, value]) => [key, value === "" ? undefined : value]),
  );
  const parsed = syncEnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new Error(
      `Invalid environment: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`,
    );
  }
  return parsed.data;
}

/** The engine's client: patient retries, and the process-wide budget of its portal (shared with page reads). */
export function createSyncHubSpotClient(portal: {
  accessToken: string;
  baseUrl: string;
  ratePer10s: number;
}): SyncHubSpotClient {
  return createHubSpotClient({ ...portal, limiter: getSharedRateLimiter(portal) });
}

export interface SyncDependencies {
  pool: pg.Pool;
  hubspot: SyncHubSpotClient | null;
  sourceSchema: string;
  /** Ends the pool if this helper created it. */
  close(): Promise<void>;
}

export function createSyncDependencies(
  env: SyncEnv = serverEnv(),
  options: { pool?: pg.Pool; onPoolError?: (error: Error) => void } = {},
): SyncDependencies {
  const ownsPool = !options.pool;
  const pool =
    options.pool ??
    new pg.Pool({
      connectionString: env.DATABASE_URL,
      max: 4,
      // An unreachable database must fail the run quickly, not hang it.
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 30_000,
    });
  if (ownsPool) {
    // An idle client losing its connection emits "error" on the pool; unhandled it would kill the
    // process. The next statement then fails with its own error, which the run reports.
    pool.on(
      "error",
      options.onPoolError ?? ((error) => console.error(`[sync] idle database connection lost: ${error.message}`)),
    );
  }
  const hubspot = env.HUBSPOT_ACCESS_TOKEN
    ? createSyncHubSpotClient({
        accessToken: env.HUBSPOT_ACCESS_TOKEN,
        baseUrl: env.HUBSPOT_BASE_URL,
        ratePer10s: env.HUBSPOT_RATE_LIMIT_PER_10S,
      })
    : null;
  return {
    pool,
    hubspot,
    sourceSchema: env.SOURCE_SCHEMA,
    close: async () => {
      if (ownsPool) await pool.end();
    },
  };
}
