/**
 * Creates the customer-side level tables (`{level}_progress`, `{level}_milestones`; docs/ARCHITECTURE.md, "Source data contract")
 * the way a learning app on Supabase would have them. Used by the demo seed, the benchmark
 * generator and tests that need source tables.
 */
import type pg from "pg";
import { LEVEL_NAME_PATTERN, SCHEMA_NAME_PATTERN } from "@/lib/contracts/names";

/** Anything that runs a query: a Pool, or a client inside a transaction. */
export type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

export interface LevelTableSpec {
  level: string;
  /** The contract allows any type for unit_id; the demo uses both. Default integer. */
  unitIdType?: "integer" | "text";
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function assertSchemaName(schema: string): void {
  if (!SCHEMA_NAME_PATTERN.test(schema)) throw new Error(`Not a plain schema name: ${JSON.stringify(schema)}`);
}

export function toLevelTableSpec(level: string | LevelTableSpec): Required<LevelTableSpec> {
  const spec = typeof level === "string" ? { level } : level;
  if (!LEVEL_NAME_PATTERN.test(spec.level))
    throw new Error(`Level names must match ${LEVEL_NAME_PATTERN}: ${JSON.stringify(spec.level)}`);
  return { level: spec.level, unitIdType: spec.unitIdType ?? "integer" };
}

export function levelTableName(schema: string, level: string, kind: "progress" | "milestones"): string {
  return `${quoteIdentifier(schema)}.${quoteIdentifier(`${level}_${kind}`)}`;
}

function indexStatements(schema: string, level: string): string[] {
  return [
    `create index if not exists ${quoteIdentifier(`${level}_progress_user_unit_idx`)} on ${levelTableName(schema, level, "progress")} (user_id, unit_id);`,
    `create index if not exists ${quoteIdentifier(`${level}_milestones_user_idx`)} on ${levelTableName(schema, level, "milestones")} (user_id);`,
  ];
}

/**
 * Idempotent (`if not exists`); no foreign key to auth.users, as many real apps have none.
 * Bulk loaders pass `withIndexes: false` and call createLevelIndexes afterwards: building an
 * index once over millions of random uuids is several times faster than maintaining it row by row.
 */
export async function createLevelTables(
  db: Queryable,
  schema: string,
  levels: readonly (string | LevelTableSpec)[],
  options: { withIndexes?: boolean } = {},
): Promise<void> {
  assertSchemaName(schema);
  const statements = [`create schema if not exists ${quoteIdentifier(schema)};`];
  for (const { level, unitIdType } of levels.map(toLevelTableSpec)) {
    statements.push(`
      create table if not exists ${levelTableName(schema, level, "progress")} (
        id bigserial primary key,
        user_id uuid not null,
        unit_id ${unitIdType} not null,
        completed boolean not null default false,
        completed_at timestamptz,
        accuracy numeric(5, 2),
        time_spent_seconds integer,
        updated_at timestamptz not null default now(),
        created_at timestamptz not null default now()
      );
      create table if not exists ${levelTableName(schema, level, "milestones")} (
        id bigserial primary key,
        user_id uuid not null,
        milestone text not null,
        achieved_at timestamptz not null default now()
      );`);
    if (options.withIndexes ?? true) statements.push(...indexStatements(schema, level));
  }
  await db.query(statements.join("\n"));
}

export async function createLevelIndexes(
  db: Queryable,
  schema: string,
  levels: readonly (string | LevelTableSpec)[],
): Promise<void> {
  assertSchemaName(schema);
  await db.query(
    levels
      .map(toLevelTableSpec)
      .flatMap(({ level }) => indexStatements(schema, level))
      .join("\n"),
  );
}
