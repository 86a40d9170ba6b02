import { getPool } from "@/lib/db/pool";
import type { PublicHealth } from "@/lib/contracts/health-response";
import { checkDatabase } from "./check-database";
import { reuseFor } from "./reuse-for";

/**
 * The anonymous answer of GET /api/health: is the database reachable. Shared for a few seconds,
 * so a monitor (or anyone hammering the public URL) costs at most one connection per window.
 */
export const PUBLIC_HEALTH_TTL_MS = 5_000;

let load: (() => Promise<PublicHealth>) | undefined;

export function getPublicHealth(): Promise<PublicHealth> {
  load ??= reuseFor(PUBLIC_HEALTH_TTL_MS, async () => ({ ok: (await checkDatabase(getPool())).ok }));
  return load();
}
