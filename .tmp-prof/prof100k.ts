import pg from "pg";
import { startBenchStack } from "@/scripts/bench/start-bench-stack";
import { seedBenchmarkData } from "@/sandbox/seed";
import { planLevels } from "@/lib/sync/plan-sync";
import { buildAggregateSql } from "@/lib/db/aggregate-sql";
import { fetchLearnerBatch } from "@/lib/db/fetch-learner-batch";

const stack = await startBenchStack();
const pool = new pg.Pool({ connectionString: stack.databaseUrl, max: 4 });
try {
  await seedBenchmarkData(pool, { learners: Number(process.argv[2] ?? 100000), levelsPerLearner: 3, unitsPerLevel: 15, levels: ["a1", "a2", "b1"] });
  const plan = await planLevels(pool);
  console.log((await pool.query("show shared_buffers")).rows[0], (await pool.query("select pg_size_pretty(pg_total_relation_size('a1_progress')) s")).rows[0]);
  let cursor: string | null = null;
  for (let i = 0; i < 60; i++) { const b = await fetchLearnerBatch(pool, cursor, 500); cursor = b.at(-1)!.userId; }
  const ex = await pool.query("explain analyze select l.user_id::text as user_id, l.email from crm_sync.learners l where l.user_id > $2::uuid order by l.user_id limit $1", [500, cursor]);
  console.log("FETCH PLAN\n" + ex.rows.map((r) => r["QUERY PLAN"]).join("\n"));
  const batch = await fetchLearnerBatch(pool, cursor, 500);
  const ids = batch.map((l) => l.userId);
  const sql = buildAggregateSql(plan.aggregation.map((a) => a.source));
  const { rows } = await pool.query(`explain (analyze, buffers) ${sql.text}`, [ids, "level_completed"]);
  console.log(rows.map((r) => String(r["QUERY PLAN"]).slice(0, 170)).filter((l) => !/Recheck|Index Cond|Filter: \(user_id/.test(l)).join("\n"));
  let tf = 0, ta = 0, tq = 0;
  const { aggregateBatch } = await import("@/lib/db/aggregate-batch");
  for (let i = 0; i < 50; i++) {
    const t0 = performance.now();
    const b = await fetchLearnerBatch(pool, cursor, 500); cursor = b.at(-1)!.userId;
    const t1 = performance.now();
    await aggregateBatch(pool, plan.aggregation, b.map((x) => x.userId), "level_completed");
    const t2 = performance.now();
    tf += t1 - t0; ta += t2 - t1;
  }
  console.log("agg50 fetch", (tf / 50).toFixed(1), "aggregate", (ta / 50).toFixed(1), tq);
  for (let i = 0; i < 5; i++) {
    const b = await fetchLearnerBatch(pool, cursor, 500); cursor = b.at(-1)!.userId;
    const t0 = performance.now(); await pool.query(sql.text, [b.map((x) => x.userId), "level_completed"]); console.log("agg", (performance.now() - t0).toFixed(1));
  }
} finally {
  await pool.end();
  await stack.stop();
}
