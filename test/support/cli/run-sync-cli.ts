/** Runs `scripts/sync.ts` the way `npm run sync` does: a child process whose exit code and output the CLI tests read. */
import { spawn } from "node:child_process";
import path from "node:path";

export type SyncCliResult = { code: number | null; stdout: string; stderr: string };

const REPO_ROOT = path.resolve(import.meta.dirname, "../../..");

/** `env` is the child's whole environment (callers spread process.env themselves, so a test can also delete a key). */
export function runSyncCli(args: string[], env: NodeJS.ProcessEnv): Promise<SyncCliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/sync.ts", ...args], {
      cwd: REPO_ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The CLI against a sync harness's database and HubSpot proxy (the demo token), plus `env` overrides. */
export function runSyncCliOn(
  h: { db: { url: string }; proxy: { url: string } },
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<SyncCliResult> {
  return runSyncCli(args, {
    ...process.env,
    DATABASE_URL: h.db.url,
    HUBSPOT_ACCESS_TOKEN: "demo-hubspot-token",
    HUBSPOT_BASE_URL: h.proxy.url,
    ...env,
  });
}
