/**
 * CLI entry of the HubSpot stand-in (`tsx sandbox/hubspot/main.ts`), started by the demo.
 * Configured from the environment; see `.env.example` for the variables.
 */
import { z } from "zod";
import { isKnownTimeZone } from "@/lib/contracts/account-day";
import { faultConfigSchema } from "./faults";
import { resultOrderSchema } from "./result-order";
import { DEFAULT_TOKEN, startHubSpotStandIn } from "./server";
import { debouncedSaver, loadStateFile } from "./state-file";

const SAVE_DELAY_MS = 500;

const jsonFaults = z.string().transform((raw, context) => {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    context.addIssue({ code: "custom", message: "must be JSON (a FaultConfig object)" });
    return z.NEVER;
  }
});

const envSchema = z.object({
  HUBSPOT_STANDIN_PORT: z.coerce.number().int().min(0).max(65_535).default(54_330),
  HUBSPOT_STANDIN_HOST: z.string().default("127.0.0.1"),
  HUBSPOT_ACCESS_TOKEN: z.string().default(DEFAULT_TOKEN),
  HUBSPOT_STANDIN_RATE_LIMIT_PER_10S: z.coerce.number().int().min(1).default(190),
  HUBSPOT_STANDIN_DAILY_LIMIT: z.coerce.number().int().min(1).default(1_000_000),
  HUBSPOT_STANDIN_TIME_ZONE: z
    .string()
    .refine(isKnownTimeZone, "must be an IANA time zone such as America/New_York")
    .default("UTC"),
  HUBSPOT_STANDIN_LATENCY_MS: z.coerce.number().int().min(0).default(0),
  HUBSPOT_STANDIN_RETRY_AFTER: z.enum(["true", "false", "1", "0"]).optional(),
  HUBSPOT_STANDIN_FAULTS: jsonFaults.pipe(faultConfigSchema).optional(),
  HUBSPOT_STANDIN_SEED: z.coerce.number().int().optional(),
  HUBSPOT_STANDIN_STATE_FILE: z.string().optional(),
  HUBSPOT_STANDIN_RESULT_ORDER: resultOrderSchema.default("input"),
});

function readEnv() {
  const source = Object.fromEntries(
    Object.entries(process.env).map(([key, value]) => [key, value === "" ? undefined : value]),
  );
  const parsed = envSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
  throw new Error(`HubSpot stand-in: invalid environment: ${problems}`);
}

async function main(): Promise<void> {
  const env = readEnv();
  const stateFile = env.HUBSPOT_STANDIN_STATE_FILE;
  const initialState = stateFile ? loadStateFile(stateFile) : undefined;
  const standIn = await startHubSpotStandIn({
    port: env.HUBSPOT_STANDIN_PORT,
    host: env.HUBSPOT_STANDIN_HOST,
    tokens: env.HUBSPOT_ACCESS_TOKEN.split(",")
      .map((token) => token.trim())
      .filter(Boolean),
    rateLimitPer10s: env.HUBSPOT_STANDIN_RATE_LIMIT_PER_10S,
    dailyLimit: env.HUBSPOT_STANDIN_DAILY_LIMIT,
    timeZone: env.HUBSPOT_STANDIN_TIME_ZONE,
    latencyMs: env.HUBSPOT_STANDIN_LATENCY_MS,
    batchResultOrder: env.HUBSPOT_STANDIN_RESULT_ORDER,
    retryAfterHeader: env.HUBSPOT_STANDIN_RETRY_AFTER === "true" || env.HUBSPOT_STANDIN_RETRY_AFTER === "1",
    ...(env.HUBSPOT_STANDIN_FAULTS ? { faults: env.HUBSPOT_STANDIN_FAULTS } : {}),
    ...(env.HUBSPOT_STANDIN_SEED !== undefined ? { seed: env.HUBSPOT_STANDIN_SEED } : {}),
    ...(initialState ? { initialState } : {}),
    log: (line) => console.log(line),
  });
  const saver = stateFile ? debouncedSaver(stateFile, () => standIn.state.snapshot(), SAVE_DELAY_MS) : null;
  if (saver) standIn.state.onChange(() => saver.schedule());

  const stateNote = stateFile ? `, state file ${stateFile} ${initialState ? "(loaded)" : "(new)"}` : "";
  console.log(`HubSpot stand-in listening on ${standIn.url} (portal ${standIn.portalId}${stateNote})`);

  let isStopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (isStopping) return;
    isStopping = true;
    saver?.flush();
    standIn
      .stop()
      .then(() => {
        console.log(`HubSpot stand-in stopped (${signal}).`);
        process.exit(0);
      })
      .catch((error: unknown) => {
        console.error(error);
        process.exit(1);
      });
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
