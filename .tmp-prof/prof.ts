import pg from "pg";
import { startBenchStack } from "@/scripts/bench/start-bench-stack";
import { seedBenchmarkData } from "@/sandbox/seed";
import { planLevels } from "@/lib/sync/plan-sync";
import { buildAggregateSql } from "@/lib/db/aggregate-sql";
import { fetchLearnerBatch } from "@/lib/db/fetch-learner-batch";
import { aggregateBatch } from "@/lib/db/aggregate-batch";

const stack = await startBenchStack();
const pool = new pg.Pool({ connectionString: stack.databaseUrl, max: 4 });
try {
  await seedBenchmarkData(pool, { learners: 10000, levelsPerLearner: 3, unitsPerLevel: 15, levels: ["a1", "a2", "b1"] });
  const plan = await planLevels(pool);
  const batch = await fetchLearnerBatch(pool, null, 500);
  const ids = batch.map((l) => l.userId);
  const sql = buildAggregateSql(plan.aggregation.map((a) => a.source));
  void sql;
  let t = performance.now();
  for (let i = 0; i < 8; i++) { const t0 = performance.now(); await aggregateBatch(pool, plan.aggregation, ids, "level_completed"); console.log("agg", (performance.now() - t0).toFixed(1)); }
  const raw = buildAggregateSql(plan.aggregation.map((a) => a.source));
  for (let i = 0; i < 4; i++) { const t0 = performance.now(); await pool.query(raw.text, [ids, "level_completed"]); console.log("raw", (performance.now() - t0).toFixed(1)); }
  let c2: string | null = null;
  const t1 = performance.now();
  for (let i = 0; i < 20; i++) { const b = await fetchLearnerBatch(pool, c2, 500); c2 = b.at(-1)!.userId; await aggregateBatch(pool, plan.aggregation, b.map((x) => x.userId), "level_completed"); }
  console.log("20 batches fetch+agg ms", (performance.now() - t1).toFixed(0));
  t = performance.now();
  let cursor: string | null = null;
  for (let i = 0; i < 20; i++) { const b = await fetchLearnerBatch(pool, cursor, 500); cursor = b.at(-1)!.userId; }
  console.log("fetch ms/batch", (performance.now() - t) / 20);
} finally {
  await pool.end();
  await stack.stop();
}
