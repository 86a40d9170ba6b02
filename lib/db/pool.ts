/**
 * One shared pg Pool per process on DATABASE_URL. Framework-free: the Next.js server, the CLI and
 * the benchmark all call getPool(). Queries must stay unnamed (no `name:`): Supabase's transaction
 * pooler cannot keep named prepared statements across transactions.
 */
import pg from "pg";
import { serverEnv } from "@/lib/config/env";

// Kept on globalThis so `next dev` hot reloads do not open a new pool on every edit.
const holder = globalThis as typeof globalThis & { __crmSyncPool?: pg.Pool };

export function getPool(): pg.Pool {
  if (!holder.__crmSyncPool) {
    const pool = new pg.Pool({
      connectionString: serverEnv().DATABASE_URL,
      max: 10,
      idleTimeoutMillis: 30_000,
      // pg waits forever for a connection by default; an unreachable database must fail fast instead.
      connectionTimeoutMillis: 5_000,
    });
    // An idle client losing its connection emits "error" on the pool; unhandled, it would crash the
    // process. The next query gets a fresh connection or fails with its own error.
    pool.on("error", (error) => console.error("[db] idle client error:", error.message));
    holder.__crmSyncPool = pool;
  }
  return holder.__crmSyncPool;
}
