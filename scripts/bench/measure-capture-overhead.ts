/**
 * What change capture costs the customer's writes: the time to insert 100,000 progress rows (one
 * statement, ~6,700 learners) into a table with the capture triggers, divided by the same insert
 * into an identical table without them. Alternating runs, median of each. The probe tables are
 * not named `*_progress`, so discovery never sees them; they and their queue entries are removed.
 */
import type pg from "pg";
import { createTriggersSql } from "@/lib/db/capture/capture-triggers";

const ROWS = 100_000;
const RUNS = 5;
const PROBE_LEVEL = "bench_probe";

const INSERT = (
  table: string,
) => `insert into public.${table} (user_id, unit_id, completed, accuracy, time_spent_seconds, updated_at)
  select md5('probe:' || (n / 15))::uuid, n % 15, true, 80, 300, now() from generate_series(1, ${ROWS}) as n`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function measureCaptureOverhead(
  pool: pg.Pool,
): Promise<{ ratio: number; withMs: number; withoutMs: number; rows: number }> {
  const tables = { plain: "bench_probe_plain", captured: "bench_probe_captured" };
  const columns =
    "user_id uuid not null, unit_id integer not null, completed boolean, accuracy numeric, time_spent_seconds integer, updated_at timestamptz";
  const timings = { plain: [] as number[], captured: [] as number[] };
  try {
    for (const table of Object.values(tables))
      await pool.query(`create table public.${table} (${columns}); create index on public.${table} (user_id)`);
    await pool.query(createTriggersSql("public", tables.captured, PROBE_LEVEL));
    for (let run = 0; run < RUNS; run += 1) {
      for (const kind of ["plain", "captured"] as const) {
        await pool.query(`truncate public.${tables[kind]}`);
        const started = performance.now();
        await pool.query(INSERT(tables[kind]));
        timings[kind].push(performance.now() - started);
      }
    }
  } finally {
    await pool.query(`drop table if exists public.${tables.plain}; drop table if exists public.${tables.captured}`);
    await pool.query("delete from crm_sync.change_queue where level = $1", [PROBE_LEVEL]);
    await pool.query("delete from crm_sync.level_capture where level = $1", [PROBE_LEVEL]);
  }
  const withMs = median(timings.captured);
  const withoutMs = median(timings.plain);
  return { ratio: withMs / withoutMs, withMs: Math.round(withMs), withoutMs: Math.round(withoutMs), rows: ROWS };
}
