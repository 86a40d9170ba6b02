/**
 * The stack Playwright's webServer runs: a fresh embedded Postgres (prepared, migrated, seeded),
 * the Supabase Auth and HubSpot stand-ins in-process, and the BUILT app via `next start`.
 * Everything stops on SIGTERM/SIGINT (Playwright's graceful shutdown) or when the app exits.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { migrate } from "@/lib/db/migrate";
import { startAuthStandIn } from "@/sandbox/auth/server";
import { startHubSpotStandIn } from "@/sandbox/hubspot/server";
import { ensureDatabase, startEmbeddedPostgres } from "@/sandbox/postgres";
import { prepareSupabaseLikeDatabase } from "@/sandbox/prepare-database";
import { seedDemoData } from "@/sandbox/seed";
import { ensureFreshBuild } from "./ensure-fresh-build";
import { E2E } from "./stack-config";

const ROOT = path.resolve(import.meta.dirname, "../..");
const log = (line: string) => console.log(`[e2e-stack] ${line}`);

/** A Postgres left running by a killed run would have its files deleted under it. */
function assertNoLivePostgres(dataDir: string): void {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number.parseInt(fs.readFileSync(pidFile, "utf8").split("\n")[0] ?? "", 10);
  try {
    process.kill(pid, 0);
  } catch {
    return;
  }
  throw new Error(`An earlier e2e Postgres (pid ${pid}) still runs on ${dataDir}; stop it first.`);
}

const cleanups: Array<() => Promise<void>> = [];
let isStopping = false;

async function stopAll(exitCode: number): Promise<never> {
  if (!isStopping) {
    isStopping = true;
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((error: unknown) => log(`cleanup failed: ${String(error)}`));
    }
  }
  process.exit(exitCode);
}

/**
 * The Workflow SDK's local world for one app: its data beside the database (wiped with it at every
 * start, so no run of an earlier stack is recovered into this one), its queue calling this app.
 */
function workflowEnv(port: number, dataDir: string): Record<string, string> {
  return {
    WORKFLOW_TARGET_WORLD: "local",
    WORKFLOW_LOCAL_DATA_DIR: path.join(dataDir, `workflow-${port}`),
    WORKFLOW_LOCAL_BASE_URL: `http://127.0.0.1:${port}`,
  };
}

function startApp(port: number, env: NodeJS.ProcessEnv): ChildProcess {
  const app = spawn(path.join(ROOT, "node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env,
    stdio: "inherit",
  });
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        if (app.exitCode !== null || app.signalCode !== null) return resolve();
        app.once("exit", () => resolve());
        app.kill("SIGTERM");
      }),
  );
  app.once("exit", (code, signal) => {
    if (isStopping) return;
    log(`the app exited unexpectedly (${code ?? signal}); stopping the stack`);
    void stopAll(1);
  });
  return app;
}

async function main(): Promise<void> {
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void stopAll(0));

  // The build sees the same environment as the running app (secrets included), like a Vercel build.
  const appEnv = E2E.appEnv;
  ensureFreshBuild(ROOT, appEnv, log);

  const dataDir = path.join(ROOT, E2E.dataDir);
  const postgresDir = path.join(dataDir, "postgres");
  assertNoLivePostgres(postgresDir);
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });

  const postgres = await startEmbeddedPostgres({ dataDir: postgresDir, port: E2E.postgresPort });
  cleanups.push(() => postgres.stop());
  await ensureDatabase(postgres.url, "crm_sync_e2e");
  const databaseUrl = postgres.urlFor("crm_sync_e2e");
  await prepareSupabaseLikeDatabase(databaseUrl);
  await migrate(databaseUrl);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    const seed = await seedDemoData(pool);
    log(
      `seeded ${seed.learners} learners, ${seed.levels.length} levels, logins: ${seed.logins.map((l) => l.email).join(", ")}`,
    );
  } finally {
    await pool.end();
  }

  const auth = await startAuthStandIn({ port: E2E.authPort, databaseUrl, publishableKey: E2E.publishableKey });
  cleanups.push(() => auth.stop());
  const hubspot = await startHubSpotStandIn({ port: E2E.hubspotPort, tokens: [E2E.hubspotToken] });
  cleanups.push(() => hubspot.stop());
  log(`auth stand-in ${auth.url}, HubSpot stand-in ${hubspot.url}, Postgres port ${E2E.postgresPort}`);
  // The build was made with E2E.appEnv (the CSP's connect-src holds the auth URL): the stack must match it.
  const actual = { DATABASE_URL: databaseUrl, NEXT_PUBLIC_SUPABASE_URL: auth.url, HUBSPOT_BASE_URL: hubspot.url };
  for (const [name, value] of Object.entries(actual)) {
    if (value !== appEnv[name]) throw new Error(`${name} is ${value}, but the build was made with ${appEnv[name]}`);
  }

  const runtimeEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ...appEnv,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  startApp(E2E.appPort, { ...runtimeEnv, ...workflowEnv(E2E.appPort, dataDir) });
  log(`app starting on ${E2E.appUrl}`);
  startApp(E2E.chunkAppPort, {
    ...runtimeEnv,
    ...workflowEnv(E2E.chunkAppPort, dataDir),
    SYNC_TIME_BUDGET_MS: String(E2E.chunkBudgetMs),
  });
  log(`app with ${E2E.chunkBudgetMs} ms Sync now chunks starting on ${E2E.chunkAppUrl}`);
}

main().catch((error: unknown) => {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  void stopAll(1);
});
