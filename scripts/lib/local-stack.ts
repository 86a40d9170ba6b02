/**
 * The local database for the demo, the CLI scripts and Playwright: DATABASE_URL when it is set,
 * otherwise the embedded Postgres in `.data/postgres` on port 54322 — reused when it already
 * runs (a running `npm run demo`), started otherwise, then made Supabase-like and migrated.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { migrate, readMigrations, type MigrateResult } from "@/lib/db/migrate";
import { describePortOwner } from "@/sandbox/check-port";
import { prepareSupabaseLikeDatabase } from "@/sandbox/prepare-database";
import { spawnLocalPostgres } from "@/sandbox/spawn-local-postgres";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const DATA_DIR = path.join(REPO_ROOT, ".data");

export const MIGRATIONS_DIR = path.join(REPO_ROOT, "supabase/migrations");

export const LOCAL_PORTS = { app: 3000, auth: 54321, postgres: 54322, hubspot: 54330 } as const;
/** The credentials embedded Postgres is initialised with (sandbox/postgres.ts); local only. */
export const localPostgresUrl = (port: number) => `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;

export const LOCAL_POSTGRES = {
  port: LOCAL_PORTS.postgres,
  dataDir: path.join(DATA_DIR, "postgres"),
  url: localPostgresUrl(LOCAL_PORTS.postgres),
} as const;

export interface ResolvedDatabase {
  url: string;
  /** env: DATABASE_URL; reused: a local Postgres already running; started: started by this call. */
  source: "env" | "reused" | "started";
  /** Result of migrating the local database; null for DATABASE_URL or `migrate: false`. */
  migrations: MigrateResult | null;
  /** Stops Postgres if this call started it; a no-op otherwise. */
  stop(): Promise<void>;
}

export interface ResolveDatabaseOptions {
  env?: Record<string, string | undefined>;
  /** Migrate the local database (default true). DATABASE_URL databases are never touched here. */
  migrate?: boolean;
  /** Postgres server log lines (only when this call starts it). */
  onPostgresLog?: (line: string) => void;
  /** Another local cluster than .data/postgres on 54322 (tests, a second checkout). */
  local?: { port: number; dataDir: string };
}

type Probe = "ready" | "nothing" | "foreign";

/** Does our local Postgres answer on the port with the demo credentials? */
export async function probeLocalPostgres(url: string): Promise<Probe> {
  for (let attempt = 0; ; attempt++) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
    try {
      await client.connect();
      await client.query("select 1");
      return "ready";
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "ECONNREFUSED") return "nothing";
      // 57P03: "the database system is starting up" (another process is starting it right now).
      if (code === "57P03" && attempt < 30) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        continue;
      }
      return "foreign";
    } finally {
      await client.end().catch(() => {});
    }
  }
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** Is this HubSpot base URL one of the local stand-ins (loopback), never a real portal? */
export function isLocalHubSpot(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname;
    return LOOPBACK_HOSTS.has(host) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
  } catch {
    return false;
  }
}

/**
 * Without DATABASE_URL the CLI falls back to the embedded demo database. That is safe only while
 * nothing can reach a real portal: HubSpot is the local stand-in, or no token and no base URL are
 * set at all (a preview then plans properties as "unverified" and a live run refuses). Anything
 * else would push the demo learners into a real HubSpot account, so it is refused before anything
 * starts.
 */
export function assertSafeLocalFallback(env: Record<string, string | undefined>): void {
  if (env.DATABASE_URL?.trim()) return;
  const baseUrl = env.HUBSPOT_BASE_URL?.trim();
  const token = env.HUBSPOT_ACCESS_TOKEN?.trim();
  if (baseUrl ? isLocalHubSpot(baseUrl) : !token) return;
  throw new Error(
    `DATABASE_URL is not set, so this would use the local demo database, but HubSpot is ${baseUrl ?? "https://api.hubapi.com (the default)"}, ` +
      "not the local stand-in: the demo learners would be sent to a real portal. Set DATABASE_URL to your Supabase database " +
      "(see .env.example), or point HUBSPOT_BASE_URL at the local stand-in (http://127.0.0.1:54330) to sync the demo.",
  );
}

export async function resolveDatabaseUrl(options: ResolveDatabaseOptions = {}): Promise<ResolvedDatabase> {
  const env = options.env ?? process.env;
  const external = env.DATABASE_URL?.trim();
  if (external) return { url: external, source: "env", migrations: null, stop: async () => {} };

  const { port, dataDir } = options.local ?? LOCAL_POSTGRES;
  const url = localPostgresUrl(port);
  let source: ResolvedDatabase["source"] = "reused";
  let stop = async () => {};
  const probe = await probeLocalPostgres(url);
  if (probe === "foreign") {
    const owner = describePortOwner(port);
    throw new Error(
      `Port ${port} is taken${owner ? ` by ${owner}` : ""}, but not by the local demo Postgres ` +
        "(it does not accept postgres:postgres). Stop that process, or set DATABASE_URL to use another database.",
    );
  }
  if (probe === "nothing") {
    const postgres = await spawnLocalPostgres({ port, dataDir, log: options.onPostgresLog });
    source = "started";
    stop = () => postgres.stop();
  }
  try {
    // Both idempotent and cheap; a reused cluster may predate a new migration.
    await prepareSupabaseLikeDatabase(url);
    const migrations = options.migrate === false ? null : await migrate(url, readMigrations(MIGRATIONS_DIR));
    return { url, source, migrations, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
