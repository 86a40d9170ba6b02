/**
 * `next start` serves whatever `.next` holds. Rebuild unless the last build was made by this stack
 * from the same sources and with the same environment, so the suite never tests stale code and the
 * bundle scan (security.spec.ts) reads a build that had the e2e secrets in its environment.
 * Content hashes, not modification times: a checkout, `tar` or `cp -p` can give a changed file an old
 * mtime, and an environment has no mtime at all.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const SOURCE_DIRS = ["app", "components", "lib"];
const SOURCE_FILES = [
  "proxy.ts",
  "instrumentation-client.ts",
  "next.config.js",
  "tailwind.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
];
const IGNORED = /\.test\.tsx?$/;
/** Written by `next build` itself (the Workflow SDK's generated routes): output, not a source. */
const GENERATED_DIR = path.join("app", ".well-known", "workflow");
/** Written next to BUILD_ID after an e2e build: which build it describes, and what it was built from. */
export const BUILD_STAMP_FILE = "e2e-build-stamp.json";

export interface BuildStamp {
  buildId: string;
  sources: string;
  env: string;
}

function sourceFiles(root: string): string[] {
  const files: string[] = [];
  for (const dir of SOURCE_DIRS) {
    const full = path.join(root, dir);
    if (!fs.existsSync(full)) continue;
    for (const entry of fs.readdirSync(full, { recursive: true, withFileTypes: true })) {
      const file = path.relative(root, path.join(entry.parentPath, entry.name));
      if (entry.isFile() && !IGNORED.test(entry.name) && !file.startsWith(`${GENERATED_DIR}${path.sep}`))
        files.push(file);
    }
  }
  files.push(...SOURCE_FILES.filter((file) => fs.existsSync(path.join(root, file))));
  return files.sort();
}

/** Names and contents of everything the build reads from the repo (a few hundred small files). */
export function sourceFingerprint(root: string): string {
  const hash = createHash("sha256");
  for (const file of sourceFiles(root)) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(root, file)));
    hash.update("\0");
  }
  return hash.digest("hex");
}

/** A hash, not the values: the stamp tells whether the environment changed without storing it. */
export function envFingerprint(env: Record<string, string>): string {
  const sorted = Object.keys(env)
    .sort()
    .map((key) => [key, env[key]]);
  return createHash("sha256").update(JSON.stringify(sorted)).digest("hex");
}

export function readBuildStamp(root: string): BuildStamp | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, ".next", BUILD_STAMP_FILE), "utf8")) as BuildStamp;
  } catch {
    return null;
  }
}

function readBuildId(root: string): string | null {
  const file = path.join(root, ".next", "BUILD_ID");
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim() : null;
}

/** Why `.next` cannot serve the suite, or null when it can. */
export function staleBuildReason(root: string, env: Record<string, string>): string | null {
  const buildId = readBuildId(root);
  if (!buildId) return "no production build yet";
  const stamp = readBuildStamp(root);
  // A plain `next build` (CI's build step, a developer's) leaves no stamp, or one of an older build.
  if (stamp?.buildId !== buildId) return "the last build was not made by the e2e stack";
  if (stamp.sources !== sourceFingerprint(root)) return "sources changed since the last build";
  if (stamp.env !== envFingerprint(env)) return "the last build was made with another environment";
  return null;
}

export function ensureFreshBuild(root: string, env: Record<string, string>, log: (line: string) => void): void {
  const reason = staleBuildReason(root, env);
  if (!reason) {
    log("using the existing production build (same sources, same environment)");
    return;
  }
  // Fingerprinted before building: a file saved during the build makes the next start rebuild.
  const sources = sourceFingerprint(root);
  log(`building the app (next build): ${reason}…`);
  const result = spawnSync(path.join(root, "node_modules/.bin/next"), ["build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status ?? result.signal})`);
  const stamp: BuildStamp = { buildId: readBuildId(root) ?? "", sources, env: envFingerprint(env) };
  fs.writeFileSync(path.join(root, ".next", BUILD_STAMP_FILE), `${JSON.stringify(stamp)}\n`);
}
