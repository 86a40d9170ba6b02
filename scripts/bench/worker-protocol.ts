/** What the benchmark orchestrator and its worker processes exchange (argv JSON in, one JSON line out). */
import { z } from "zod";
import { DEFAULT_BATCH_SIZE } from "@/lib/sync/run-sync";

export const workerConfigSchema = z.object({
  phase: z.enum(["aggregate", "dry_run", "live", "first_draft"]),
  databaseUrl: z.string(),
  hubspotUrl: z.string().optional(),
  token: z.string().default("demo-hubspot-token"),
  ratePer10s: z.number().int().positive().default(190),
  batchSize: z.number().int().positive().default(DEFAULT_BATCH_SIZE),
  limit: z.number().int().positive().optional(),
  sample: z.number().int().positive().default(200),
});
export type WorkerConfig = z.input<typeof workerConfigSchema>;

export const workerResultSchema = z.object({
  phase: z.string(),
  durationMs: z.number(),
  learners: z.number(),
  statements: z.number(),
  apiCalls: z.number(),
  writeCalls: z.number(),
  rateLimited: z.number(),
  retries: z.number(),
  status: z.string(),
  maxRssMb: z.number(),
});
export type WorkerResult = z.infer<typeof workerResultSchema>;
