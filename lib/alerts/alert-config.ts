/** The alert settings from the environment, with every secret the message must never contain. */
import { z } from "zod";
import type { ServerEnv } from "@/lib/config/env";
import type { AlertConfig } from "./alert-on-run-end";

type AlertEnv = Partial<
  Pick<
    ServerEnv,
    "SYNC_ALERT_WEBHOOK_URL" | "SYNC_ALERT_REJECTED_SHARE" | "HUBSPOT_ACCESS_TOKEN" | "CRON_SECRET" | "DATABASE_URL"
  >
>;

export function alertConfigFrom(env: AlertEnv): AlertConfig {
  const secrets = [env.HUBSPOT_ACCESS_TOKEN, env.CRON_SECRET, env.DATABASE_URL, passwordOf(env.DATABASE_URL)].filter(
    (value): value is string => Boolean(value),
  );
  return { webhookUrl: env.SYNC_ALERT_WEBHOOK_URL, rejectedShare: env.SYNC_ALERT_REJECTED_SHARE ?? 0.05, secrets };
}

function passwordOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    // Not a URL (a key=value connection string): the whole string is redacted instead.
    return undefined;
  }
}

const processEnvSchema = z.object({
  SYNC_ALERT_WEBHOOK_URL: z.url("SYNC_ALERT_WEBHOOK_URL must be a URL").optional(),
  SYNC_ALERT_REJECTED_SHARE: z.coerce.number().min(0).max(1).default(0.05),
  HUBSPOT_ACCESS_TOKEN: z.string().optional(),
  CRON_SECRET: z.string().optional(),
  DATABASE_URL: z.string().optional(),
});

/** For the CLI, which has no Supabase settings and so cannot use serverEnv(). Empty strings count as unset. */
export function alertConfigFromProcessEnv(source: NodeJS.ProcessEnv): AlertConfig {
  const cleaned = Object.fromEntries(
    Object.entries(source).map(([key, value]) => [key, value === "" ? undefined : value]),
  );
  return alertConfigFrom(processEnvSchema.parse(cleaned));
}
