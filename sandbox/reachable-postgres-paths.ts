/**
 * Root in a private folder: PostgreSQL refuses to run as root, so the server runs as the
 * `postgres` user, who cannot traverse e.g. /root (mode 700) to reach node_modules or the data
 * dir. Then the binaries run from a copy under a shared folder (os.tmpdir() by default, reused
 * across runs while the package is unchanged) and the data dir lives there too, behind a
 * symlink at the requested path. Where even that is impossible, fail at once saying what to do.
 */
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { canUserEnter, canUserRun, type PostgresUser } from "./postgres-user";

const REMEDY =
  "Run as a non-root user, move the clone to a folder every user can traverse (e.g. /srv or /home/<you>), " +
  "or set TMPDIR to a folder the postgres user can reach.";

function assertSharedDirUsable(sharedDir: string, user: PostgresUser): void {
  if (!canUserEnter(sharedDir, user)) {
    throw new Error(
      `PostgreSQL runs as the "${user.name}" user (it refuses root), who cannot reach this project's folder nor ${sharedDir}. ${REMEDY}`,
    );
  }
}

/** Fingerprint of the binaries: the package.json (its version) and every entry's path, size and mode. */
function fingerprint(nativeDir: string): string {
  const hash = createHash("sha256");
  const packageJson = path.join(path.dirname(nativeDir), "package.json");
  if (fs.existsSync(packageJson)) hash.update(fs.readFileSync(packageJson));
  for (const entry of fs.readdirSync(nativeDir, { recursive: true, encoding: "utf8" }).sort()) {
    const stat = fs.lstatSync(path.join(nativeDir, entry));
    const target = stat.isSymbolicLink() ? fs.readlinkSync(path.join(nativeDir, entry)) : "";
    hash.update(`${entry}\0${stat.size}\0${stat.mode}\0${target}\n`);
  }
  return hash.digest("hex").slice(0, 16);
}

/** Everyone may read the copy and enter its folders; only the owner (root) may change it. */
function openUpCopy(dir: string): void {
  fs.chmodSync(dir, 0o755);
  for (const entry of fs.readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    const full = path.join(dir, entry);
    const stat = fs.lstatSync(full);
    if (stat.isSymbolicLink()) continue;
    if (stat.isDirectory()) fs.chmodSync(full, 0o755);
    else fs.chmodSync(full, stat.mode & 0o100 ? 0o755 : 0o644);
  }
}

/** The native folder (bin/, lib/, share/) the server user can run; `nativeDir` itself when it can. */
export function ensureRunnableNativeDir(nativeDir: string, user: PostgresUser | null, sharedDir: string): string {
  if (!user || canUserRun(path.join(nativeDir, "bin", "initdb"), user)) return nativeDir;
  assertSharedDirUsable(sharedDir, user);
  const copy = path.join(sharedDir, `lpcs-postgres-bin-${fingerprint(nativeDir)}`);
  if (fs.existsSync(copy) && fs.statSync(copy).uid !== process.getuid?.()) {
    throw new Error(
      `${copy} exists but is not owned by this user, so its binaries cannot be trusted. Remove it. ${REMEDY}`,
    );
  }
  if (!fs.existsSync(copy)) {
    // Copy, then rename: a concurrent start never sees a half-copied folder.
    const partial = `${copy}.partial-${process.pid}-${randomBytes(4).toString("hex")}`;
    fs.cpSync(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
    openUpCopy(partial);
    try {
      fs.renameSync(partial, copy);
    } catch (error) {
      fs.rmSync(partial, { recursive: true, force: true });
      if (!fs.existsSync(copy)) throw error;
    }
  }
  if (!canUserRun(path.join(copy, "bin", "initdb"), user)) {
    throw new Error(
      `The "${user.name}" user cannot run the PostgreSQL binaries copied to ${copy} (a noexec mount?). ${REMEDY}`,
    );
  }
  return copy;
}

export interface ResolvedDataDir {
  /** Where the cluster really lives (what postgres gets as -D). */
  dataDir: string;
  /** Removes the cluster and, when relocated, the symlink at the requested path. */
  remove(): void;
}

/** The requested data dir, or a reachable one under `sharedDir` linked from the requested path. */
export function resolveDataDir(requested: string, user: PostgresUser | null, sharedDir: string): ResolvedDataDir {
  fs.mkdirSync(path.dirname(requested), { recursive: true });
  if (!user || canUserEnter(path.dirname(requested), user)) {
    return { dataDir: requested, remove: () => fs.rmSync(requested, { recursive: true, force: true }) };
  }
  assertSharedDirUsable(sharedDir, user);
  const relocated = path.join(
    sharedDir,
    `lpcs-postgres-data-${createHash("sha256").update(requested).digest("hex").slice(0, 16)}`,
  );
  const link = fs.lstatSync(requested, { throwIfNoEntry: false });
  const isOurLink = link?.isSymbolicLink() === true && fs.readlinkSync(requested) === relocated;
  if (link && !isOurLink) {
    if (!link.isDirectory() || fs.readdirSync(requested).length > 0) {
      throw new Error(
        `The "${user.name}" user cannot reach the data directory ${requested}, and it is not empty, so it was not moved. Remove it or ${REMEDY}`,
      );
    }
    fs.rmdirSync(requested);
  }
  // The link is the cluster's lifetime: a caller that removed it (a fresh e2e stack) gets a fresh cluster.
  if (!isOurLink) {
    fs.rmSync(relocated, { recursive: true, force: true });
    fs.symlinkSync(relocated, requested);
  }
  return {
    dataDir: relocated,
    remove() {
      fs.rmSync(relocated, { recursive: true, force: true });
      fs.rmSync(requested, { force: true });
    },
  };
}
