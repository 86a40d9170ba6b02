/**
 * Two pg pools per process on DATABASE_URL, so a burst of page views can never take the
 * connections a running sync needs:
 * - getPool(): pages, route handlers, KPIs and other reads. Each statement is limited to
 *   PAGE_STATEMENT_TIMEOUT_MS: sent as the `statement_timeout` startup parameter (honoured by a
 *   direct connection and Supabase's session pooler) and backed by pg's client-side
 *   `query_timeout`, which also holds on Supabase's transaction pooler (it ignores startup
 *   parameters): the page gets an error and the connection is dropped, never left waiting.
 * - getSyncPool(): the sync engine in this process ("Sync now", previews, the cron route). No
 *   statement timeout (aggregating a large batch may take a while) and its own connections.
 * Framework-free: the Next.js server, the CLI and the benchmark all use these. Queries must stay
 * unnamed (no `name:`): the transaction pooler cannot keep named prepared statements.
 */
import pg from "pg";
import { serverEnv } from "@/lib/config/env";

export const PAGE_STATEMENT_TIMEOUT_MS = 10_000;
const PAGE_POOL_SIZE = 6;
// Room for a burst of simultaneous starts (Sync now, cron, previews) that all wait on the run
// lock before all but one learn "already running": a smaller pool would make the extra callers
// time out on checkout (a 500) instead of getting that answer (e2e/concurrent-starts.spec.ts).
const SYNC_POOL_SIZE = 10;

// Kept on globalThis so `next dev` hot reloads do not open new pools on every edit.
const holder = globalThis as typeof globalThis & { __crmSyncPool?: pg.Pool; __crmSyncSyncPool?: pg.Pool };

function withErrorLog(pool: pg.Pool, name: string): pg.Pool {
  // An idle client losing its connection emits "error" on the pool; unhandled, it would crash the
  // process. The next query gets a fresh connection or fails with its own error.
  pool.on("error", (error) => console.error(`[db ${name}] idle client error:`, error.message));
  return pool;
}

export function createPagePool(
  connectionString: string,
  options: { statementTimeoutMs?: number; max?: number } = {},
): pg.Pool {
  const statementTimeoutMs = options.statementTimeoutMs ?? PAGE_STATEMENT_TIMEOUT_MS;
  return withErrorLog(
    new pg.Pool({
      connectionString,
      max: options.max ?? PAGE_POOL_SIZE,
      idleTimeoutMillis: 30_000,
      // pg waits forever for a connection by default; an unreachable database must fail fast instead.
      connectionTimeoutMillis: 5_000,
      statement_timeout: statementTimeoutMs,
      // A little later than the server's limit, so the server's clearer error wins where it applies.
      query_timeout: statementTimeoutMs + 2_000,
    }),
    "pages",
  );
}

export function createSyncPool(connectionString: string, options: { max?: number } = {}): pg.Pool {
  return withErrorLog(
    new pg.Pool({
      connectionString,
      max: options.max ?? SYNC_POOL_SIZE,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: 10_000,
    }),
    "sync",
  );
}

export function getPool(): pg.Pool {
  holder.__crmSyncPool ??= createPagePool(serverEnv().DATABASE_URL);
  return holder.__crmSyncPool;
}

export function getSyncPool(): pg.Pool {
  holder.__crmSyncSyncPool ??= createSyncPool(serverEnv().DATABASE_URL);
  return holder.__crmSyncSyncPool;
}
