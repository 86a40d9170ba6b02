/**
 * Bulk learners for the benchmark, generated inside Postgres with generate_series: 100,000
 * learners (~2.3M progress rows) in well under a minute. Learner n studies levels 1…k
 * (k = 1…levelsPerLearner): all units of the earlier ones plus `level_completed`, part of the
 * last one plus the unit in progress.
 *
 * Speed over atomicity: users commit first, then the levels load in parallel, one transaction
 * per level, with their indexes built afterwards. Run it on a throw-away database; if it fails
 * half-way, drop that database.
 */
import os from "node:os";
import type pg from "pg";
import { inTransaction } from "@/lib/db/queryable";
import { z } from "zod";
import {
  insertBenchmarkMilestones,
  insertBenchmarkProgress,
  insertBenchmarkRetries,
  INSERT_BENCHMARK_USERS,
} from "./benchmark-sql";
import { createLevelIndexes, createLevelTables, levelTableName, toLevelTableSpec } from "./create-level-tables";
import { SeedError } from "./seed-demo-data";

const benchmarkOptionsSchema = z.object({
  learners: z.number().int().min(1).max(5_000_000),
  levelsPerLearner: z.number().int().min(1).max(30).default(3),
  unitsPerLevel: z.number().int().min(1).max(500).default(15),
  seed: z.number().int().min(0).max(1_000_000).default(1),
  schema: z.string().default("public"),
  levels: z.array(z.string()).min(1).default(["a1", "a2", "b1", "b2", "c1", "c2"]),
  now: z.date().optional(),
  /** Levels loaded at once; default: one per CPU core (at least 2). */
  concurrency: z.number().int().min(1).max(16).optional(),
  /** Add retried units (insertBenchmarkRetries) while loading; the benchmark adds them later, to compare. */
  retries: z.boolean().default(false),
});

export type SeedBenchmarkDataOptions = z.input<typeof benchmarkOptionsSchema>;

export interface BenchmarkSeedReport {
  learners: number;
  levels: string[];
  progressRows: number;
  milestoneRows: number;
  /** Learner emails look like learner.42@<emailDomain>. */
  emailDomain: string;
  durationMs: number;
}

export async function seedBenchmarkData(
  pool: pg.Pool,
  options: SeedBenchmarkDataOptions,
): Promise<BenchmarkSeedReport> {
  const parsed = benchmarkOptionsSchema.safeParse(options);
  if (!parsed.success)
    throw new SeedError("invalid_options", `Invalid benchmark seed options: ${parsed.error.message}`);
  const { learners, levelsPerLearner, unitsPerLevel, seed, schema } = parsed.data;
  const levels = parsed.data.levels.map((level) => toLevelTableSpec(level).level);
  const emailDomain = `bench-${seed}.example.com`;
  const shared = [
    seed,
    Math.min(levelsPerLearner, levels.length),
    unitsPerLevel,
    (parsed.data.now ?? new Date()).toISOString(),
    learners,
  ];
  const startedAt = performance.now();

  await inTransaction(pool, async (client) => {
    const { rowCount } = await client.query("select 1 from auth.users where email = $1", [`learner.1@${emailDomain}`]);
    if (rowCount)
      throw new SeedError("already_seeded", `Benchmark learners with seed ${seed} already exist (@${emailDomain}).`);
    await createLevelTables(client, schema, levels, { withIndexes: false });
    await client.query(INSERT_BENCHMARK_USERS, [...shared, emailDomain]);
  });

  const counts = { progressRows: 0, milestoneRows: 0 };
  const queue = [...levels.entries()];
  const loadLevels = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [index, level] = next;
      await inTransaction(pool, async (client) => {
        await client.query("set local maintenance_work_mem = '256MB'");
        const progress = await client.query(insertBenchmarkProgress(levelTableName(schema, level, "progress")), [
          ...shared,
          index,
        ]);
        const milestones = await client.query(insertBenchmarkMilestones(levelTableName(schema, level, "milestones")), [
          ...shared,
          index,
        ]);
        if (parsed.data.retries)
          counts.progressRows +=
            (await client.query(insertBenchmarkRetries(levelTableName(schema, level, "progress")), [seed])).rowCount ??
            0;
        await createLevelIndexes(client, schema, [level]);
        counts.progressRows += progress.rowCount ?? 0;
        counts.milestoneRows += milestones.rowCount ?? 0;
      });
    }
  };
  const concurrency = parsed.data.concurrency ?? Math.max(2, os.availableParallelism());
  await Promise.all(Array.from({ length: Math.min(concurrency, levels.length) }, loadLevels));

  const tables = [
    "auth.users",
    ...levels.flatMap((level) => [
      levelTableName(schema, level, "progress"),
      levelTableName(schema, level, "milestones"),
    ]),
  ];
  // Vacuumed as well as analysed, as autovacuum long has a production table: otherwise the first
  // statement to read the new rows sets their hint bits (a one-off write) and is charged for it.
  await pool.query(`vacuum (analyze) ${tables.join(", ")}`);
  return { learners, levels, ...counts, emailDomain, durationMs: Math.round(performance.now() - startedAt) };
}

/** Adds the retried units of insertBenchmarkRetries to already seeded levels; returns the rows added. */
export async function addBenchmarkRetries(
  pool: pg.Pool,
  options: { levels: readonly string[]; seed?: number; schema?: string },
): Promise<number> {
  const schema = options.schema ?? "public";
  const added = await Promise.all(
    options.levels.map((level) =>
      pool.query(insertBenchmarkRetries(levelTableName(schema, level, "progress")), [options.seed ?? 1]),
    ),
  );
  await pool.query(
    `vacuum (analyze) ${options.levels.map((level) => levelTableName(schema, level, "progress")).join(", ")}`,
  );
  return added.reduce((total, result) => total + (result.rowCount ?? 0), 0);
}
