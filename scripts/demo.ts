/**
 * `npm run demo`: the whole product on one machine. Starts (or reuses) the embedded Postgres,
 * migrates, seeds an empty database, starts the auth and HubSpot stand-ins and the app, waits
 * until each is healthy and prints where to go. Ctrl-C stops the app, then the stand-ins, then
 * Postgres; the data stays in .data/. What runs locally vs. external: sandbox/demo/read-demo-config.ts.
 * DEMO_APP_MODE=start serves a production build (built first if .next has none); DEMO_PORT moves the app.
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { formatDemoBanner } from "@/sandbox/demo/format-demo-banner";
import { prepareDemoData } from "@/sandbox/demo/prepare-demo-data";
import { printer, type OutputName } from "@/sandbox/demo/print-prefixed";
import { appEnvironment, readDemoConfig, type DemoConfig, type EnvRecord } from "@/sandbox/demo/read-demo-config";
import { assertPortsFree } from "@/sandbox/check-port";
import { formatCliError, redactDatabaseUrl } from "@/scripts/lib/format-cli-error";
import { DATA_DIR, REPO_ROOT, resolveDatabaseUrl, type ResolvedDatabase } from "@/scripts/lib/local-stack";
import { startProcessReaper } from "@/sandbox/process-reaper";
import { startSupervisedProcess, type SupervisedProcess } from "@/sandbox/supervise-process";
import { waitForHttp } from "@/sandbox/wait-for-http";

const NEXT_BIN = path.join(REPO_ROOT, "node_modules/next/dist/bin/next");
const say = printer("demo");

const reaper = startProcessReaper();
const services: SupervisedProcess[] = [];
let database: ResolvedDatabase | undefined;
let pool: pg.Pool | undefined;
let stopping: Promise<void> | undefined;

/** Stops in dependency order: app, stand-ins, then Postgres (only if this run started it). */
function stopAll(exitCode: number): Promise<void> {
  stopping ??= (async () => {
    for (const service of [...services].reverse()) {
      if (!service.hasExited()) say(`stopping ${service.name}…`);
      await service.stop();
    }
    await Promise.race([pool?.end(), new Promise((resolve) => setTimeout(resolve, 3_000))]).catch(() => {});
    if (database?.source === "started") say("stopping Postgres…");
    await database?.stop();
    reaper.release();
    say("stopped.");
    process.exit(exitCode);
  })();
  return stopping;
}

function startService(name: OutputName, args: string[], env: EnvRecord): SupervisedProcess {
  // A signal may arrive between two start-up steps; nothing new may start once stopping began.
  if (stopping) throw new Error("stopping");
  const service = startSupervisedProcess({
    name,
    command: process.execPath,
    args,
    cwd: REPO_ROOT,
    env,
    print: printer(name),
  });
  services.push(service);
  reaper.watch(service.pid);
  void service.exited.then((exit) => {
    if (stopping || name === "build") return;
    say(`${name} exited unexpectedly (${exit.signal ?? `code ${exit.code}`}); stopping everything.`);
    void stopAll(1);
  });
  return service;
}

async function startStandIns(config: DemoConfig, databaseUrl: string): Promise<void> {
  if (config.auth.kind === "stand-in") {
    const auth = startService("auth", ["--import", "tsx", "sandbox/auth/main.ts"], {
      ...process.env,
      DATABASE_URL: databaseUrl,
      AUTH_STANDIN_PORT: String(config.auth.port),
      NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: config.auth.publishableKey,
      AUTH_STANDIN_KEY_FILE: path.join(DATA_DIR, "auth-signing-key.json"),
    });
    await waitForHttp(`${config.auth.url}/auth/v1/health`, {
      headers: { apikey: config.auth.publishableKey },
      giveUp: auth.exited,
      timeoutMs: 60_000,
    });
  }
  if (config.hubspot.kind === "stand-in") {
    const hubspot = startService("hubspot", ["--import", "tsx", "sandbox/hubspot/main.ts"], {
      ...process.env,
      HUBSPOT_STANDIN_PORT: String(config.hubspot.port),
      HUBSPOT_ACCESS_TOKEN: config.hubspot.token,
      HUBSPOT_STANDIN_RATE_LIMIT_PER_10S: String(config.rateLimitPer10s),
      HUBSPOT_STANDIN_STATE_FILE: path.join(DATA_DIR, "hubspot-state.json"),
    });
    await waitForHttp(`${config.hubspot.url}/__control/config`, { giveUp: hubspot.exited, timeoutMs: 60_000 });
  }
}

async function startApp(config: DemoConfig, env: EnvRecord): Promise<void> {
  if (config.appMode === "start") {
    if (fs.existsSync(path.join(REPO_ROOT, ".next/BUILD_ID"))) {
      say("DEMO_APP_MODE=start: serving the existing build in .next (run `npm run build` after code changes)");
    } else {
      say("DEMO_APP_MODE=start: no build yet, running `next build` first…");
      const exit = await startService("build", [NEXT_BIN, "build"], env).exited;
      if (exit.code !== 0) throw new Error(`next build failed (${exit.signal ?? `code ${exit.code}`})`);
    }
  }
  const app = startService("app", [NEXT_BIN, config.appMode, "--port", String(config.appPort)], env);
  // The first request in dev mode compiles the route, which can take a while on a cold cache.
  await waitForHttp(`http://127.0.0.1:${config.appPort}/api/health`, {
    giveUp: app.exited,
    timeoutMs: config.appMode === "dev" ? 300_000 : 90_000,
  });
}

async function main(): Promise<void> {
  const config = readDemoConfig();
  const ports = [{ port: config.appPort, what: "app", hint: "Stop it, or pick another port with DEMO_PORT." }];
  if (config.auth.kind === "stand-in")
    ports.push({
      port: config.auth.port,
      what: "auth stand-in",
      hint: "Stop it, or set NEXT_PUBLIC_SUPABASE_URL to use another auth server.",
    });
  if (config.hubspot.kind === "stand-in")
    ports.push({ port: config.hubspot.port, what: "HubSpot stand-in", hint: "Stop it, or set HUBSPOT_BASE_URL." });
  await assertPortsFree(ports);

  database = await resolveDatabaseUrl({ onPostgresLog: printer("postgres") });
  const origin = {
    env: "DATABASE_URL",
    reused: "embedded, already running: left running afterwards",
    started: "embedded, data in .data/postgres",
  };
  say(`Postgres: ${redactDatabaseUrl(database.url)} (${origin[database.source]})`);
  pool = new pg.Pool({ connectionString: database.url, max: 3 });
  pool.on("error", () => {}); // an idle connection cut by a stopping Postgres is not an error of the demo
  const data = await prepareDemoData(pool, database, { password: config.password, schema: config.sourceSchema, say });

  await startStandIns(config, database.url);
  await startApp(config, appEnvironment(config, database.url));

  const note = (kind: string) => (kind === "stand-in" ? "(local stand-in)" : "(external)");
  console.log(
    `\n${formatDemoBanner({
      appUrl: `http://localhost:${config.appPort}`,
      logins: data.hasLogins ? { password: config.password, doesPasswordMatch: !data.passwordMismatch } : null,
      services: [
        {
          name: "Postgres",
          url: redactDatabaseUrl(database.url),
          note: database.source === "env" ? "(DATABASE_URL)" : "(embedded)",
        },
        { name: "Auth", url: config.auth.url, note: note(config.auth.kind) },
        { name: "HubSpot", url: config.hubspot.url, note: note(config.hubspot.kind) },
      ],
    })}\n`,
  );
}

// npm and tsx relay the terminal's Ctrl-C, so one keypress can arrive two or three times.
let firstSignalAt = 0;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (!stopping) {
      firstSignalAt = Date.now();
      say(`${signal}: stopping…`);
      void stopAll(0);
    } else if (Date.now() - firstSignalAt > 1_000) {
      say(`${signal}: already stopping, please wait…`);
    }
  });
}

main().catch((error: unknown) => {
  if (stopping) return;
  const lines =
    error instanceof Error && error.message.includes("\n") ? error.message.split("\n") : [formatCliError(error)];
  lines.forEach((line, index) => say(index === 0 ? `failed: ${line}` : `        ${line}`));
  void stopAll(1);
});
