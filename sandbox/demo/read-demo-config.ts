/**
 * What `npm run demo` starts, decided from the environment:
 * - Postgres: DATABASE_URL when set, else the embedded one (sandbox/local-stack.ts).
 * - Auth: NEXT_PUBLIC_SUPABASE_URL (+ its publishable key) when set, else the stand-in on 54321.
 * - HubSpot: the stand-in on 54330 exactly when HUBSPOT_BASE_URL is unset. Then the app always
 *   gets the stand-in's demo token, even if HUBSPOT_ACCESS_TOKEN holds a real one, so a real
 *   token is never sent to the stand-in and fake demo learners never reach a real portal.
 *   With HUBSPOT_BASE_URL set, HUBSPOT_ACCESS_TOKEN is passed through unchanged.
 */
import { z } from "zod";
import { demoPassword } from "@/sandbox/seed/demo-logins";
import { LOCAL_PORTS } from "@/scripts/lib/local-stack";

export const DEMO_PUBLISHABLE_KEY = "sb_publishable_demo_local";
export const DEMO_HUBSPOT_TOKEN = "demo-hubspot-token";
export const DEMO_CRON_SECRET = "demo-cron-secret";

const blank = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const demoEnvSchema = z.object({
  DEMO_PORT: z.preprocess(blank, z.coerce.number().int().min(1).max(65_535).default(LOCAL_PORTS.app)),
  DEMO_APP_MODE: z.preprocess(blank, z.enum(["dev", "start"]).default("dev")),
  DATABASE_URL: z.preprocess(blank, z.string().optional()),
  NEXT_PUBLIC_SUPABASE_URL: z.preprocess(blank, z.url().optional()),
  NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: z.preprocess(blank, z.string().optional()),
  HUBSPOT_BASE_URL: z.preprocess(blank, z.url().optional()),
  HUBSPOT_ACCESS_TOKEN: z.preprocess(blank, z.string().optional()),
  HUBSPOT_RATE_LIMIT_PER_10S: z.preprocess(blank, z.coerce.number().int().min(1).max(1000).default(190)),
  CRON_SECRET: z.preprocess(blank, z.string().default(DEMO_CRON_SECRET)),
  SOURCE_SCHEMA: z.preprocess(blank, z.string().default("public")),
});

/** Environment variables as plain data (NodeJS.ProcessEnv carries Next's required NODE_ENV). */
export type EnvRecord = Record<string, string | undefined>;

export type ServiceChoice = { kind: "stand-in"; url: string; port: number } | { kind: "external"; url: string };

export interface DemoConfig {
  appPort: number;
  appMode: "dev" | "start";
  password: string;
  databaseUrl: string | undefined;
  auth: ServiceChoice & { publishableKey: string };
  hubspot: ServiceChoice & { token: string | undefined };
  rateLimitPer10s: number;
  cronSecret: string;
  sourceSchema: string;
}

export function readDemoConfig(env: EnvRecord = process.env): DemoConfig {
  const parsed = demoEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `Invalid environment for the demo: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  const e = parsed.data;
  if (e.NEXT_PUBLIC_SUPABASE_URL && !e.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY) {
    throw new Error(
      "NEXT_PUBLIC_SUPABASE_URL is set but NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY is not; set both, or neither for the auth stand-in.",
    );
  }
  const local = (port: number) => ({ kind: "stand-in" as const, url: `http://127.0.0.1:${port}`, port });
  return {
    appPort: e.DEMO_PORT,
    appMode: e.DEMO_APP_MODE,
    password: demoPassword(env),
    databaseUrl: e.DATABASE_URL,
    auth: e.NEXT_PUBLIC_SUPABASE_URL
      ? { kind: "external", url: e.NEXT_PUBLIC_SUPABASE_URL, publishableKey: e.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY! }
      : { ...local(LOCAL_PORTS.auth), publishableKey: DEMO_PUBLISHABLE_KEY },
    hubspot: e.HUBSPOT_BASE_URL
      ? { kind: "external", url: e.HUBSPOT_BASE_URL, token: e.HUBSPOT_ACCESS_TOKEN }
      : { ...local(LOCAL_PORTS.hubspot), token: DEMO_HUBSPOT_TOKEN },
    rateLimitPer10s: e.HUBSPOT_RATE_LIMIT_PER_10S,
    cronSecret: e.CRON_SECRET,
    sourceSchema: e.SOURCE_SCHEMA,
  };
}

/** The app's environment: exactly the variables of docs/ARCHITECTURE.md, "Environment", pointing at what the demo runs. */
export function appEnvironment(config: DemoConfig, databaseUrl: string, base: EnvRecord = process.env): EnvRecord {
  const env: EnvRecord = {
    ...base,
    DATABASE_URL: databaseUrl,
    NEXT_PUBLIC_SUPABASE_URL: config.auth.url,
    NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: config.auth.publishableKey,
    HUBSPOT_BASE_URL: config.hubspot.url,
    HUBSPOT_RATE_LIMIT_PER_10S: String(config.rateLimitPer10s),
    CRON_SECRET: config.cronSecret,
    SOURCE_SCHEMA: config.sourceSchema,
    NEXT_TELEMETRY_DISABLED: "1",
    // "Sync now" runs on the Workflow SDK's local world (lib/workflows): its state kept beside the demo
    // database in .data (a restarted demo continues the runs it had in flight), its queue on this app.
    WORKFLOW_TARGET_WORLD: base.WORKFLOW_TARGET_WORLD || "local",
    WORKFLOW_LOCAL_DATA_DIR: base.WORKFLOW_LOCAL_DATA_DIR || ".data/workflow-data",
    WORKFLOW_LOCAL_BASE_URL: base.WORKFLOW_LOCAL_BASE_URL || `http://127.0.0.1:${config.appPort}`,
  };
  if (config.hubspot.token) env.HUBSPOT_ACCESS_TOKEN = config.hubspot.token;
  else delete env.HUBSPOT_ACCESS_TOKEN;
  return env;
}
