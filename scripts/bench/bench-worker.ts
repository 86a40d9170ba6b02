/**
 * One benchmark phase in its own process, so its peak RSS is its own: reads a JSON config from
 * argv, runs the phase through a statement-counting pool, prints one JSON line on stdout.
 */
import pg from "pg";
import { aggregateBatch } from "@/lib/db/aggregate/aggregate-batch";
import { countStatements } from "@/lib/db/count-statements";
import { readLearnerPage } from "@/lib/db/learners/read-learner-page";
import { createHubSpotClient } from "@/lib/hubspot/client";
import { registerAndPlanLevels, runSync } from "@/lib/sync";
import { runFirstDraft } from "./first-draft-sync";
import { workerConfigSchema, type WorkerResult } from "./worker-protocol";

/** Aggregation alone, batch by batch, reading the next page while a batch aggregates (as the engine does). */
async function aggregateOnly(pool: pg.Pool, batchSize: number): Promise<number> {
  const plan = await registerAndPlanLevels(pool);
  const readPage = (cursor: string | null) => readLearnerPage(pool, plan.aggregation, cursor, batchSize);
  let learners = 0;
  let page = await readPage(null);
  while (page.length > 0) {
    const next = page.length === batchSize ? readPage(page.at(-1)!.userId) : Promise.resolve([]);
    next.catch(() => undefined);
    await aggregateBatch(
      pool,
      plan.aggregation,
      page.map((learner) => learner.userId),
      plan.settings.completionMilestoneKey,
    );
    learners += page.length;
    page = await next;
  }
  return learners;
}

async function main(): Promise<WorkerResult> {
  const config = workerConfigSchema.parse(JSON.parse(process.argv[2] ?? "{}"));
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 4 });
  pool.on("error", (error) => process.stderr.write(`[bench worker] idle connection error: ${error.message}\n`));
  const counter = countStatements(pool);
  const client = config.hubspotUrl
    ? createHubSpotClient({ accessToken: config.token, baseUrl: config.hubspotUrl, ratePer10s: config.ratePer10s })
    : null;
  const base = { apiCalls: 0, writeCalls: 0, rateLimited: 0, retries: 0, status: "succeeded" };
  const startedAt = performance.now();
  try {
    let outcome: Omit<WorkerResult, "phase" | "durationMs" | "statements" | "maxRssMb">;
    if (config.phase === "aggregate") {
      outcome = { ...base, learners: await aggregateOnly(counter.pool, config.batchSize) };
    } else if (config.phase === "first_draft") {
      if (!client) throw new Error("first_draft needs hubspotUrl");
      const plan = await registerAndPlanLevels(pool);
      counter.reset();
      const { learners } = await runFirstDraft(counter.pool, client, plan.enabledLevels, config.sample);
      outcome = {
        ...base,
        learners,
        apiCalls: client.stats.requests,
        writeCalls: client.stats.writeRequests,
        rateLimited: client.stats.rateLimited,
        retries: client.stats.retries,
      };
    } else {
      const result = await runSync({
        pool: counter.pool,
        hubspot: config.phase === "live" ? client : null,
        mode: config.phase === "live" ? "live" : "dry_run",
        trigger: "bench",
        actor: { label: "bench" },
        batchSize: config.batchSize,
        ...(config.limit ? { limit: config.limit } : {}),
        // A dry run's plan streams to the database (as the CLI and the dashboard run it): flat memory.
        keepPlanInMemory: false,
      });
      outcome = {
        learners: result.learnersRead,
        apiCalls: result.apiCalls,
        writeCalls: result.writeCalls,
        rateLimited: result.rateLimited,
        retries: result.retries,
        status: result.status,
      };
    }
    return {
      phase: config.phase,
      durationMs: Math.round(performance.now() - startedAt),
      statements: counter.count(),
      maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      ...outcome,
    };
  } finally {
    await pool.end();
  }
}

main().then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(
      `bench worker failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
