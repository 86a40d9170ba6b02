/**
 * Bulk learners for the benchmark: generated inside Postgres with generate_series, so 100,000
 * learners (~2.4M progress rows) take seconds, not minutes. Deterministic without a PRNG
 * stream: every value is a seeded hash (hashint8extended) of the learner and unit number.
 * Learner n studies levels 1…k (k = 1…levelsPerLearner): all units of the earlier ones
 * (plus `level_completed`), part of the last one plus the unit in progress.
 */
import type pg from "pg";
import { z } from "zod";
import { createLevelIndexes, createLevelTables, levelTableName, quoteIdentifier, toLevelTableSpec } from "./create-level-tables";
import { SeedError } from "./seed-demo-data";

const benchmarkOptionsSchema = z.object({
  learners: z.number().int().min(1).max(5_000_000),
  levelsPerLearner: z.number().int().min(1).max(30).default(3),
  unitsPerLevel: z.number().int().min(1).max(500).default(15),
  seed: z.number().int().min(0).max(1_000_000).default(1),
  schema: z.string().default("public"),
  levels: z.array(z.string()).min(1).default(["a1", "a2", "b1", "b2", "c1", "c2"]),
  now: z.date().optional(),
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

/** Masks the sign bit: abs() would overflow on the smallest bigint. */
const NON_NEGATIVE = "9223372036854775807";

/** Learner n → user id, level count and units done in the last level, all from seeded hashes. */
const LEARNERS_SQL = `
  select n, md5($1::bigint || ':' || n)::uuid as user_id,
         1 + (hashint8extended(n, $1::bigint + 1) & ${NON_NEGATIVE}) % $2 as level_count,
         (hashint8extended(n, $1::bigint + 2) & ${NON_NEGATIVE}) % $3 as done_in_last,
         $4::timestamptz - ((hashint8extended(n, $1::bigint + 3) & ${NON_NEGATIVE}) % (170 * 86400)) * interval '1 second' as started_at
    from generate_series(1, $5::bigint) as n`;

export async function seedBenchmarkData(pool: pg.Pool, options: SeedBenchmarkDataOptions): Promise<BenchmarkSeedReport> {
  const parsed = benchmarkOptionsSchema.safeParse(options);
  if (!parsed.success) throw new SeedError("invalid_options", `Invalid benchmark seed options: ${parsed.error.message}`);
  const { learners, levelsPerLearner, unitsPerLevel, seed, schema } = parsed.data;
  const levels = parsed.data.levels.map((level) => toLevelTableSpec(level).level);
  const now = (parsed.data.now ?? new Date()).toISOString();
  const emailDomain = `bench-${seed}.example.com`;
  const base = [seed, Math.min(levelsPerLearner, levels.length), unitsPerLevel, now, learners];
  const startedAt = performance.now();

  const client = await pool.connect();
  let progressRows = 0;
  let milestoneRows = 0;
  try {
    await client.query("begin");
    const { rowCount } = await client.query("select 1 from auth.users where email = $1", [`learner.1@${emailDomain}`]);
    if (rowCount) throw new SeedError("already_seeded", `Benchmark learners with seed ${seed} already exist (@${emailDomain}).`);
    await client.query("set local maintenance_work_mem = '256MB'");
    await createLevelTables(client, schema, levels, { withIndexes: false });
    await client.query(
      `insert into auth.users (instance_id, id, aud, role, email, email_confirmed_at, created_at, updated_at)
       select '00000000-0000-0000-0000-000000000000', user_id, 'authenticated', 'authenticated',
              'learner.' || n || '@' || $6, started_at, started_at, started_at
         from (${LEARNERS_SQL}) as learners`,
      [...base, emailDomain],
    );
    for (const [index, level] of levels.entries()) {
      // Units are spaced 2–26 hours apart from the learner's start, never in the future.
      const progress = await client.query(
        `insert into ${levelTableName(schema, level, "progress")}
            (user_id, unit_id, completed, completed_at, accuracy, time_spent_seconds, updated_at, created_at)
         select l.user_id, u, u <= l.done, case when u <= l.done then t.at end,
                round(60 + (h % 3900) / 100.0, 1), 300 + (h / 7919) % 2100, t.at, t.at - interval '20 minutes'
           from (select *, case when level_count - 1 > $6 then $3 else done_in_last end as done
                   from (${LEARNERS_SQL}) as all_learners where level_count > $6) as l
           cross join lateral generate_series(1, least(l.done + 1, $3)) as u
           cross join lateral (select hashint8extended(l.n * 1000 + u, $1::bigint + 10 + $6) & ${NON_NEGATIVE} as h) as hashed
           cross join lateral (select least($4::timestamptz, l.started_at
                + (($6 * $3 + u) * (2 + h % 24)) * interval '1 hour') as at) as t`,
        [...base, index],
      );
      const milestones = await client.query(
        `insert into ${levelTableName(schema, level, "milestones")} (user_id, milestone, achieved_at)
         select user_id, 'level_completed', least($4::timestamptz, started_at + (($6 + 1) * $3 * 26) * interval '1 hour')
           from (${LEARNERS_SQL}) as all_learners where level_count - 1 > $6`,
        [...base, index],
      );
      progressRows += progress.rowCount ?? 0;
      milestoneRows += milestones.rowCount ?? 0;
    }
    await createLevelIndexes(client, schema, levels);
    await client.query("commit");
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  await pool.query(
    ["auth.users", ...levels.flatMap((level) => [`${level}_progress`, `${level}_milestones`].map((t) => `${quoteIdentifier(schema)}.${quoteIdentifier(t)}`))]
      .map((table) => `analyze ${table};`)
      .join("\n"),
  );
  return { learners, levels, progressRows, milestoneRows, emailDomain, durationMs: Math.round(performance.now() - startedAt) };
}
