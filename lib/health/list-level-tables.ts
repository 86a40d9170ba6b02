/**
 * Row counts of the level tables. Which tables are level tables is decided once, by the sync's
 * discovery (lib/db/levels/discover-levels.ts): the health report, the settings page and the sync
 * cannot disagree about it.
 */
import pg from "pg";
import { z } from "zod";
import type { LevelTableHealth } from "@/lib/contracts/health-response";
import { discoverLevels } from "@/lib/db/levels/discover-levels";
import type { Queryable } from "@/lib/db/queryable";

/** Above this many (estimated) rows, report the estimate instead of running count(*). */
export const EXACT_COUNT_LIMIT = 1_000_000;

const estimateRowSchema = z.object({ table: z.string(), estimate: z.number() });
const countRowSchema = z.object({ table: z.string(), rows: z.number() });

export interface TableRows {
  rows: number;
  /** true when `rows` is the planner's estimate (the table is above EXACT_COUNT_LIMIT). */
  estimated: boolean;
}

/** Every `{level}_progress` table discovery reports (compatible or not), in CEFR order, with its rows. */
export async function listLevelTables(db: Queryable, schema: string): Promise<LevelTableHealth[]> {
  const discovery = await discoverLevels(db, schema);
  const tables = discovery.levels.map((level) => level.progress.table);
  const rows = await countTableRows(db, schema, tables);
  return discovery.levels.map((level) => {
    const counted = rows.get(level.progress.table) ?? { rows: 0, estimated: true };
    return { level: level.level, table: level.progress.table, ...counted };
  });
}

/**
 * The estimate is the larger of pg_class.reltuples (set by ANALYZE, -1 before) and pg_stat's live
 * tuple count (kept up to date by inserts), so a freshly loaded big table is not counted exactly by
 * accident. Views have no estimate and are counted.
 */
export async function countTableRows(db: Queryable, schema: string, tables: string[]): Promise<Map<string, TableRows>> {
  if (tables.length === 0) return new Map();
  const { rows } = await db.query(
    `select c.relname as "table", greatest(c.reltuples, coalesce(s.n_live_tup, 0), 0)::float8 as estimate
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       left join pg_stat_user_tables s on s.relid = c.oid
      where n.nspname = $1 and c.relname = any($2::text[])`,
    [schema, tables],
  );
  const estimates = z.array(estimateRowSchema).parse(rows);
  const small = estimates.filter((row) => row.estimate <= EXACT_COUNT_LIMIT).map((row) => row.table);
  const exact = await countPerTable(db, schema, small, "count(*)");
  return new Map(
    estimates.map((row) => {
      const counted = exact.get(row.table);
      return [row.table, { rows: counted ?? Math.round(row.estimate), estimated: counted === undefined }];
    }),
  );
}

/**
 * `aggregate` over each table, in one statement for all tables: a round trip per table would add
 * up on a remote database. The aggregate is one of ours, never input.
 */
export async function countPerTable(
  db: Queryable,
  schema: string,
  tables: string[],
  aggregate: "count(*)" | "count(distinct user_id)",
): Promise<Map<string, number>> {
  if (tables.length === 0) return new Map();
  const quotedSchema = pg.escapeIdentifier(schema);
  const sql = tables
    .map(
      (table, index) =>
        `select $${index + 1}::text as "table", ${aggregate}::float8 as rows from ${quotedSchema}.${pg.escapeIdentifier(table)}`,
    )
    .join(" union all ");
  const { rows } = await db.query(sql, tables);
  return new Map(
    z
      .array(countRowSchema)
      .parse(rows)
      .map((row) => [row.table, row.rows]),
  );
}
