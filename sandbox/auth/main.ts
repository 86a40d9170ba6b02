/**
 * CLI entry of the auth stand-in for the demo: `tsx sandbox/auth/main.ts`.
 * Env: DATABASE_URL (required), AUTH_STANDIN_PORT (54321), NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY
 * (sb_publishable_demo_local), AUTH_STANDIN_KEY_FILE (.data/auth-signing-key.json),
 * AUTH_STANDIN_TOKEN_RATE_LIMIT (150) per AUTH_STANDIN_TOKEN_RATE_WINDOW_SECONDS (300): GoTrue's
 * per-IP limit on /token.
 */
import path from "node:path";
import { z } from "zod";
import { DEFAULT_PUBLISHABLE_KEY, startAuthStandIn } from "./server";
import { DEFAULT_TOKEN_RATE_LIMIT } from "./token-rate-limit";

const envSchema = z.object({
  DATABASE_URL: z.string().min(1, "DATABASE_URL is required (the Postgres holding auth.users)"),
  AUTH_STANDIN_PORT: z.coerce.number().int().min(1).max(65535).default(54321),
  NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: z.string().min(1).default(DEFAULT_PUBLISHABLE_KEY),
  AUTH_STANDIN_KEY_FILE: z.string().min(1).default(".data/auth-signing-key.json"),
  AUTH_STANDIN_TOKEN_RATE_LIMIT: z.coerce.number().int().min(1).default(DEFAULT_TOKEN_RATE_LIMIT.requests),
  AUTH_STANDIN_TOKEN_RATE_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(DEFAULT_TOKEN_RATE_LIMIT.windowSeconds),
});

async function main(): Promise<void> {
  const blankAsUnset = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== ""));
  const parsed = envSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`Invalid environment for the auth stand-in: ${problems}`);
  }
  const env = parsed.data;
  const standIn = await startAuthStandIn({
    port: env.AUTH_STANDIN_PORT,
    databaseUrl: env.DATABASE_URL,
    publishableKey: env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY,
    keyFile: path.resolve(env.AUTH_STANDIN_KEY_FILE),
    tokenRateLimit: {
      requests: env.AUTH_STANDIN_TOKEN_RATE_LIMIT,
      windowSeconds: env.AUTH_STANDIN_TOKEN_RATE_WINDOW_SECONDS,
    },
    log: (line) => console.log(line),
  });
  console.log(`Supabase Auth stand-in ready: NEXT_PUBLIC_SUPABASE_URL=${standIn.url}`);

  let isStopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (isStopping) return;
    isStopping = true;
    console.log(`[auth] ${signal}: stopping`);
    standIn.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("[auth] stop failed:", error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
