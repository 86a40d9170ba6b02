import pg from "pg";
import { z } from "zod";
import { compareLevels } from "@/lib/contracts/levels-order";
import type { LevelTableHealth } from "./health-report";

/** `{level}_progress` with level matching ^[a-z][a-z0-9_]{0,30}$ (DESIGN §5). */
const LEVEL_TABLE_REGEX = "^[a-z][a-z0-9_]{0,30}_progress$";
const PROGRESS_SUFFIX = "_progress";

/** Above this many (estimated) rows, report the estimate instead of running count(*). */
export const EXACT_COUNT_LIMIT = 1_000_000;

const candidateRowSchema = z.object({ table: z.string(), estimate: z.number() });
const countRowSchema = z.object({ table: z.string(), rows: z.number() });

/**
 * The level tables in `schema` with their row counts, in CEFR order. Like the sync's discovery,
 * views count as level tables and partitions do not (their parent covers their rows). The
 * estimate is the larger of pg_class.reltuples (set by ANALYZE, -1 before) and pg_stat's live
 * tuple count (kept up to date by inserts), so a freshly loaded big table is not counted exactly
 * by accident.
 */
export async function listLevelTables(pool: pg.Pool, schema: string): Promise<LevelTableHealth[]> {
  const result = await pool.query(
    `select c.relname as "table",
            greatest(c.reltuples, coalesce(s.n_live_tup, 0), 0)::float8 as estimate
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       left join pg_stat_user_tables s on s.relid = c.oid
      where n.nspname = $1
        and c.relkind in ('r', 'p', 'v', 'm')
        and not c.relispartition
        and c.relname ~ $2`,
    [schema, LEVEL_TABLE_REGEX],
  );
  const rows = z.array(candidateRowSchema).parse(result.rows);
  const small = rows.filter((row) => row.estimate <= EXACT_COUNT_LIMIT);
  const exact = await countRowsExactly(pool, schema, small.map((row) => row.table));
  return rows
    .map((row) => {
      const counted = exact.get(row.table);
      return {
        level: row.table.slice(0, -PROGRESS_SUFFIX.length),
        table: row.table,
        rows: counted ?? Math.round(row.estimate),
        estimated: counted === undefined,
      };
    })
    .sort((a, b) => compareLevels(a.level, b.level));
}

/** One statement for all tables: a round trip per table would add up on a remote database. */
async function countRowsExactly(pool: pg.Pool, schema: string, tables: string[]): Promise<Map<string, number>> {
  if (tables.length === 0) return new Map();
  const quotedSchema = pg.escapeIdentifier(schema);
  const sql = tables
    .map((table, index) => `select $${index + 1}::text as "table", count(*)::float8 as rows from ${quotedSchema}.${pg.escapeIdentifier(table)}`)
    .join(" union all ");
  const { rows } = await pool.query(sql, tables);
  return new Map(z.array(countRowSchema).parse(rows).map((row) => [row.table, row.rows]));
}
