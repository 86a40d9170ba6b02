/**
 * The benchmark's own world: an embedded Postgres in a temp directory on a free port (made
 * Supabase-like and migrated) and the HubSpot stand-in in-process, so a benchmark never touches
 * the demo's data and leaves nothing behind.
 */
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { migrate, readMigrations } from "@/lib/db/migrate";
import { startHubSpotStandIn, type HubSpotStandIn } from "@/sandbox/hubspot/server";
import { MIGRATIONS_DIR } from "@/scripts/lib/local-stack";
import { startEmbeddedPostgres } from "@/sandbox/postgres";
import { prepareSupabaseLikeDatabase } from "@/sandbox/prepare-database";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface BenchStack {
  databaseUrl: string;
  standIn: HubSpotStandIn | null;
  startStandIn(options: { rateLimitPer10s: number; latencyMs: number }): Promise<HubSpotStandIn>;
  stop(): Promise<void>;
}

export async function startBenchStack(): Promise<BenchStack> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "lpcs-bench-"));
  fs.chmodSync(root, 0o755);
  const postgres = await startEmbeddedPostgres({
    dataDir: path.join(root, "data"),
    port: await freePort(),
    ephemeral: true,
  });
  try {
    await prepareSupabaseLikeDatabase(postgres.url);
    await migrate(postgres.url, readMigrations(MIGRATIONS_DIR));
  } catch (error) {
    await postgres.stop();
    throw error;
  }
  const stack: BenchStack = {
    databaseUrl: postgres.url,
    standIn: null,
    async startStandIn(options) {
      stack.standIn = await startHubSpotStandIn({ port: 0, ...options });
      return stack.standIn;
    },
    async stop() {
      await stack.standIn?.stop();
      await postgres.stop();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
  return stack;
}
