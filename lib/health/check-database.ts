import type pg from "pg";
import { describeDatabaseError } from "./describe-error";
import type { DatabaseHealth } from "@/lib/contracts/health-response";

/** Round trip of a trivial query, timed on this side (includes acquiring a connection). */
export async function checkDatabase(pool: pg.Pool): Promise<DatabaseHealth> {
  const started = performance.now();
  try {
    await pool.query("select 1");
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    console.error("[health] database check failed:", error);
    return { ok: false, latencyMs: null, error: describeDatabaseError(error) };
  }
}
