/**
 * `npm run bench -- [--learners N] [--json] [--aggregate-only] [--skip-live] [--sample N]` (default 100 000).
 * Own embedded Postgres and HubSpot stand-in (190 requests/10 s, 100 ms latency); every phase runs
 * in a child process (its peak RSS is its own) through a statement-counting pool:
 * aggregation and dry-run throughput, a full live sync against the rate floor, an immediate
 * re-sync, a re-sync after 1% of learners changed, and the customer's first draft on a sample.
 * Aggregation is measured without and then with retried units (30 % of learners retry 30 % of
 * their units 1–4 times); the rest runs on the data with retries. `--skip-live` leaves out the
 * rate-bound phases (for scale runs): the dry run then builds the facts the KPIs are read from, and
 * the two re-syncs run at the usual stand-in settings after a full sync to an unthrottled stand-in
 * (not measured), which gives them HubSpot's confirmed state to compare with.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { z } from "zod";
import { measureKpis } from "@/lib/db/kpis";
import { kpiSource } from "@/lib/db/kpis/compute-kpis";
import { formatCliError } from "@/scripts/lib/format-cli-error";
import { seedBenchmarkData } from "@/sandbox/seed";
import { addBenchmarkRetries } from "@/sandbox/seed/seed-benchmark-data";
import { measureCaptureOverhead } from "./bench/measure-capture-overhead";
import { formatBenchReport, type BenchReport } from "./bench/format-bench-report";
import { runWorker } from "./bench/run-worker";
import { startBenchStack, type BenchStack } from "./bench/start-bench-stack";
import type { WorkerConfig, WorkerResult } from "./bench/worker-protocol";

const RATE_PER_10S = 190;
const LATENCY_MS = 100;
const LEVELS = ["a1", "a2", "b1"];
const UNITS_PER_LEVEL = 15;
const RSS_CHECKPOINT = 10_000;
/** Above this the raw-table KPI statements are not measured (at 1M they do not finish). */
const RAW_KPI_LIMIT = 200_000;

const argsSchema = z.object({
  learners: z.coerce.number().int().min(1).max(2_000_000).default(100_000),
  json: z.boolean().default(false),
  "aggregate-only": z.boolean().default(false),
  "skip-live": z.boolean().default(false),
  sample: z.coerce.number().int().min(1).max(10_000).default(200),
});

function parseBenchArgs() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: {
      learners: { type: "string" },
      json: { type: "boolean" },
      "aggregate-only": { type: "boolean" },
      "skip-live": { type: "boolean" },
      sample: { type: "string" },
    },
  });
  return argsSchema.parse(values);
}

type BenchArgs = z.infer<typeof argsSchema>;

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const perThousand = (result: WorkerResult) => (result.statements / Math.max(1, result.learners)) * 1000;
const perSecond = (result: WorkerResult) => (result.learners / Math.max(1, result.durationMs)) * 1000;

async function main(): Promise<void> {
  const args = parseBenchArgs();
  const stack = await startBenchStack();
  const pool = new pg.Pool({ connectionString: stack.databaseUrl, max: 4 });
  // Without a listener an idle connection cut by the stopping Postgres would crash the process before
  // stack.stop() removes the temp directory.
  pool.on("error", (error) => log(`idle connection error: ${error.message}`));
  try {
    log(`seeding ${args.learners.toLocaleString("en")} learners…`);
    const seed = await seedBenchmarkData(pool, {
      learners: args.learners,
      levelsPerLearner: LEVELS.length,
      unitsPerLevel: UNITS_PER_LEVEL,
      levels: LEVELS,
      retries: false,
    });
    const db = { databaseUrl: stack.databaseUrl };
    log("aggregation only, without retries…");
    const plainAggregation = await runWorker({ phase: "aggregate", ...db });
    log("adding retried units…");
    const retryRows = await addBenchmarkRetries(pool, { levels: LEVELS });
    seed.progressRows += retryRows;
    log(`aggregation only, with ${retryRows.toLocaleString("en")} retried rows…`);
    const aggregation = await runWorker({ phase: "aggregate", ...db });
    log("dashboard KPIs from the raw tables (cold, no facts yet)…");
    const rawKpis = args.learners <= RAW_KPI_LIMIT ? await measureKpis(pool) : null;
    log("capture overhead on inserts…");
    const captureOverhead = await measureCaptureOverhead(pool);
    log("dry run (full plan, no HubSpot)…");
    const dryRun = await runWorker({ phase: "dry_run", ...db });
    // The same dry run over the first 10k learners: peak RSS at N must stay within 1.3× of this.
    const dryRunAt10k =
      args.learners > RSS_CHECKPOINT ? await runWorker({ phase: "dry_run", ...db, limit: RSS_CHECKPOINT }) : dryRun;
    log(
      `dry run peak RSS: ${dryRunAt10k.maxRssMb} MB at 10k learners, ${dryRun.maxRssMb} MB at ${args.learners.toLocaleString("en")}`,
    );
    const report: BenchReport = {
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
        node: process.version,
        platform: `${os.platform()} ${os.release()}`,
      },
      dataset: {
        learners: args.learners,
        levels: seed.levels,
        unitsPerLevel: UNITS_PER_LEVEL,
        progressRows: seed.progressRows,
        milestoneRows: seed.milestoneRows,
        seedMs: seed.durationMs,
      },
      rateLimitPer10s: RATE_PER_10S,
      latencyMs: LATENCY_MS,
      aggregation: {
        learnersPerSecond: perSecond(aggregation),
        statementsPer1000: perThousand(aggregation),
        durationMs: aggregation.durationMs,
        maxRssMb: aggregation.maxRssMb,
      },
      dryRun: {
        learnersPerSecond: perSecond(dryRun),
        statementsPer1000: perThousand(dryRun),
        durationMs: dryRun.durationMs,
        maxRssMb: dryRun.maxRssMb,
      },
      kpis: { durationMs: 0, levels: 0, source: "raw", rawDurationMs: rawKpis ? Math.round(rawKpis.durationMs) : null },
      retries: {
        retriedRows: retryRows,
        aggregation: { learnersPerSecond: perSecond(aggregation), durationMs: aggregation.durationMs },
        withoutRetries: { learnersPerSecond: perSecond(plainAggregation), durationMs: plainAggregation.durationMs },
        throughputRatio: perSecond(aggregation) / perSecond(plainAggregation),
      },
      captureOverhead,
      liveSync: null,
      unthrottledSync: null,
      resync: null,
      changedOnePercent: null,
      firstDraft: null,
      peakRssMb: {
        at10k: null,
        atN: null,
        aggregateAtN: aggregation.maxRssMb,
        dryRunAt10k: dryRunAt10k.maxRssMb,
        dryRunAtN: dryRun.maxRssMb,
      },
    };
    if (!args["aggregate-only"] && !args["skip-live"]) await runLivePhases(args, stack, pool, report);
    if (!args["aggregate-only"] && args["skip-live"]) await runResyncsAtScale(args, stack, pool, report);
    // Cold, from the maintained facts (built by the full pass of the live sync, or of the dry run).
    log("dashboard KPIs from the maintained facts…");
    const kpis = await measureKpis(pool);
    report.kpis = {
      ...report.kpis,
      durationMs: Math.round(kpis.durationMs),
      levels: kpis.kpis.levels.length,
      source: await kpiSource(pool),
    };
    process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : formatBenchReport(report));
  } finally {
    try {
      await pool.end();
    } finally {
      await stack.stop();
    }
  }
}

/** A worker's configuration for a live sync to the stand-in at `hubspotUrl`, at `ratePer10s`. */
function liveWorker(stack: BenchStack, hubspotUrl: string, ratePer10s = RATE_PER_10S) {
  return { phase: "live" as const, databaseUrl: stack.databaseUrl, hubspotUrl, ratePer10s };
}

async function runLivePhases(args: BenchArgs, stack: BenchStack, pool: pg.Pool, report: BenchReport): Promise<void> {
  const standIn = await stack.startStandIn({ rateLimitPer10s: RATE_PER_10S, latencyMs: LATENCY_MS });
  const live = liveWorker(stack, standIn.url);
  // Above 10k the sync runs as two processes (first 10k, then all: the first 10k are unchanged),
  // so peak RSS is measured at 10k and at N without a second dataset.
  const parts: WorkerResult[] = [];
  if (args.learners > RSS_CHECKPOINT) {
    log(`live sync, first ${RSS_CHECKPOINT.toLocaleString("en")} learners…`);
    parts.push(await runWorker({ ...live, limit: RSS_CHECKPOINT }));
  }
  log("live sync…");
  parts.push(await runWorker(live));
  const requests = standIn.requests();
  const sum = (key: "durationMs" | "apiCalls" | "writeCalls" | "rateLimited" | "statements") =>
    parts.reduce((total, part) => total + part[key], 0);
  const floorMs = (sum("apiCalls") / RATE_PER_10S) * 10_000;
  report.liveSync = {
    durationMs: sum("durationMs"),
    apiCalls: sum("apiCalls"),
    writeCalls: sum("writeCalls"),
    floorMs,
    utilisation: floorMs / sum("durationMs"),
    rateLimited: sum("rateLimited"),
    standInUpserts: requests.filter((request) => request.path.endsWith("/batch/upsert") && request.status < 400).length,
    standIn429s: requests.filter((request) => request.status === 429).length,
    statementsPer1000: (sum("statements") / args.learners) * 1000,
    aggregationShare: report.aggregation.durationMs / sum("durationMs"),
  };
  report.peakRssMb.at10k = args.learners >= RSS_CHECKPOINT ? parts[0]!.maxRssMb : null;
  report.peakRssMb.atN = parts.at(-1)!.maxRssMb;

  await measureResyncs(args, live, pool, report);

  const sample = Math.min(args.sample, args.learners);
  log(`customer's first draft on ${sample} learners…`);
  const draft = await runWorker({ ...live, phase: "first_draft", sample });
  report.firstDraft = {
    sample,
    sampleMs: draft.durationMs,
    extrapolatedMs: (draft.durationMs / sample) * args.learners,
    statementsPer1000: perThousand(draft),
    apiCalls: args.learners,
    floorMs: (args.learners / RATE_PER_10S) * 10_000,
  };
}

/** The immediate re-sync (nothing changed) and the re-sync after 1% of learners changed. */
async function measureResyncs(args: BenchArgs, live: WorkerConfig, pool: pg.Pool, report: BenchReport): Promise<void> {
  log("immediate re-sync…");
  const resync = await runWorker(live);
  report.resync = {
    writeCalls: resync.writeCalls,
    target: 0,
    durationMs: resync.durationMs,
    learnersAggregated: resync.learners,
  };

  const changed = await pool.query(
    `with picked as (select user_id from crm_sync.learners order by md5(user_id::text) limit ceil($1::int / 100.0))
     update public.a1_progress p set time_spent_seconds = time_spent_seconds + 60
     from picked where p.user_id = picked.user_id and p.unit_id = 1
     returning p.user_id`,
    [args.learners],
  );
  // Learners, not rows: a retried unit has several rows.
  const changedLearners = new Set(changed.rows.map((row) => String(row.user_id))).size;
  log(`re-sync after ${changedLearners} learners changed…`);
  const afterChange = await runWorker(live);
  report.changedOnePercent = {
    changedLearners,
    writeCalls: afterChange.writeCalls,
    target: Math.ceil(changedLearners / 100),
    durationMs: afterChange.durationMs,
    learnersAggregated: afterChange.learners,
  };
}

/**
 * `--skip-live`: a full live sync to the stand-in with its limits lifted (at 1M the real rate would
 * take 15 minutes; its time is reported as our side's own cost, not against the rate floor), then
 * the two re-syncs at the usual settings.
 */
async function runResyncsAtScale(
  args: BenchArgs,
  stack: BenchStack,
  pool: pg.Pool,
  report: BenchReport,
): Promise<void> {
  const unthrottled = 1_000_000;
  const standIn = await stack.startStandIn({ rateLimitPer10s: unthrottled, latencyMs: 0 });
  log("full sync to an unthrottled stand-in…");
  const full = await runWorker(liveWorker(stack, standIn.url, unthrottled));
  // Not rate-bound, so its time is our side's own cost; its peak RSS is the live sync's at N.
  report.unthrottledSync = {
    durationMs: full.durationMs,
    writeCalls: full.writeCalls,
    learners: full.learners,
    maxRssMb: full.maxRssMb,
  };
  report.peakRssMb.atN = full.maxRssMb;
  standIn.configure({ rateLimitPer10s: RATE_PER_10S, latencyMs: LATENCY_MS });
  // Its calls must leave the stand-in's 10-second window first, or the re-syncs would wait out 429s.
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  await measureResyncs(args, liveWorker(stack, standIn.url), pool, report);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${formatCliError(error)}\n`);
    process.exit(1);
  },
);
