/** Starts run-local-postgres.ts as a detached child and waits until Postgres accepts connections. */
import { spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(HERE, "..");
const STOP_TIMEOUT_MS = 20_000;

const helperMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ready"), url: z.string() }),
  z.object({ type: z.literal("failed"), message: z.string() }),
]);

export interface LocalPostgresProcess {
  url: string;
  pid: number;
  /** Fast shutdown of Postgres; resolves when the helper process has exited. */
  stop(): Promise<void>;
}

export async function spawnLocalPostgres(options: {
  port: number;
  dataDir: string;
  log?: (line: string) => void;
}): Promise<LocalPostgresProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(HERE, "run-local-postgres.ts")], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    env: { ...process.env, LOCAL_POSTGRES_PORT: String(options.port), LOCAL_POSTGRES_DATA_DIR: options.dataDir },
  });
  const recent: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    readline.createInterface({ input: stream }).on("line", (line) => {
      recent.push(line);
      if (recent.length > 30) recent.shift();
      options.log?.(line);
    });
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const url = await new Promise<string>((resolve, reject) => {
    child.once("error", reject);
    child.on("message", (raw) => {
      const message = helperMessageSchema.safeParse(raw);
      if (!message.success) return;
      if (message.data.type === "ready") resolve(message.data.url);
      else reject(new Error(message.data.message));
    });
    exited.then(() => reject(new Error(`Embedded Postgres exited during start-up:\n${recent.join("\n")}`)));
  });
  // The parent must be free to exit on its own; the helper notices via the IPC disconnect.
  child.unref();
  child.channel?.unref();

  return {
    url,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // Unref'd above: without this, Node could exit while waiting, leaving Postgres to the watchdog.
      child.ref();
      child.kill("SIGTERM");
      const timedOut = await Promise.race([
        exited.then(() => false),
        new Promise<boolean>((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS, true).unref()),
      ]);
      if (timedOut) {
        // The whole group: the helper and the postgres server it started.
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          // Already gone.
        }
        await exited;
      }
    },
  };
}
