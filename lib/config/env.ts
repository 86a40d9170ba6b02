/**
 * Environment, parsed once and failing loudly. Server-side only: client components must never
 * import this module (only NEXT_PUBLIC_* values are safe in the browser, see publicEnv()).
 * Framework-free so the CLI, the benchmark and the Next.js server share it.
 */
import { z } from "zod";
import { SCHEMA_NAME_PATTERN } from "@/lib/contracts/names";

const serverEnvSchema = z.object({
  DATABASE_URL: z.string().min(1, "DATABASE_URL is required (a Postgres connection string)"),
  NEXT_PUBLIC_SUPABASE_URL: z.url("NEXT_PUBLIC_SUPABASE_URL must be a URL"),
  NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: z.string().min(1, "NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY is required"),
  HUBSPOT_ACCESS_TOKEN: z.string().trim().min(1).optional(),
  HUBSPOT_BASE_URL: z.url().default("https://api.hubapi.com"),
  HUBSPOT_RATE_LIMIT_PER_10S: z.coerce.number().int().min(1).max(1000).default(100),
  CRON_SECRET: z.string().min(1).optional(),
  SOURCE_SCHEMA: z.string().regex(SCHEMA_NAME_PATTERN, "SOURCE_SCHEMA must be a plain schema name").default("public"),
  /** Slack-compatible incoming webhook for failed live runs (lib/alerts); unset = dashboard banner only. */
  SYNC_ALERT_WEBHOOK_URL: z.url("SYNC_ALERT_WEBHOOK_URL must be a URL").optional(),
  /** Share of rejected rows (0–1) above which a finished live run alerts too; default 5 %. */
  SYNC_ALERT_REJECTED_SHARE: z.coerce.number().min(0).max(1).default(0.05),
  /**
   * Tests only: a shorter time budget for each chunk of "Sync now" (ms), so an e2e stack can force a
   * run into many chunks. Unset in production: SYNC_TIME_BUDGET_MS of lib/cron/sync-time-budget.ts.
   */
  SYNC_TIME_BUDGET_MS: z.coerce.number().int().min(1_000).max(240_000).optional(),
});

export type ServerEnv = z.infer<typeof serverEnvSchema>;

function emptyToUndefined(source: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(source).map(([key, value]) => [key, value === "" ? undefined : value]));
}

function parseOrThrow<Schema extends z.ZodType>(schema: Schema, source: NodeJS.ProcessEnv): z.infer<Schema> {
  const parsed = schema.safeParse(emptyToUndefined(source));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  return parsed.data;
}

export function parseServerEnv(source: NodeJS.ProcessEnv = process.env): ServerEnv {
  return parseOrThrow(serverEnvSchema, source);
}

let cached: ServerEnv | undefined;
export function serverEnv(): ServerEnv {
  cached ??= parseServerEnv();
  return cached;
}

const publicEnvSchema = serverEnvSchema.pick({
  NEXT_PUBLIC_SUPABASE_URL: true,
  NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: true,
});

export type PublicEnv = z.infer<typeof publicEnvSchema>;

/**
 * The Supabase URL and publishable key, read at request time. Next inlines literal
 * `process.env.NEXT_PUBLIC_*` references at build time; reading them through this parser keeps one
 * build usable against any project (demo, e2e, production). Needs no DATABASE_URL, so the proxy
 * can use it.
 */
export function publicEnv(source: NodeJS.ProcessEnv = process.env): PublicEnv {
  return parseOrThrow(publicEnvSchema, source);
}
