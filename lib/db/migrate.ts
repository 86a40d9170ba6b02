/**
 * Applies supabase/migrations/*.sql in file-name order and records each version in
 * `supabase_migrations.schema_migrations`, the table the Supabase CLI uses, so both tools
 * agree on what has been applied. Idempotent; an advisory lock serialises concurrent callers.
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

const MIGRATION_FILE = /^(\d+)_([a-z0-9_]+)\.sql$/;
const MIGRATION_LOCK_KEY = 727_401_001;

export interface MigrationFile {
  version: string;
  name: string;
  sql: string;
}

export function readMigrations(dir = path.resolve(process.cwd(), "supabase/migrations")): MigrationFile[] {
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith(".sql"))
    .sort()
    .map((file) => {
      const match = MIGRATION_FILE.exec(file);
      if (!match) throw new Error(`Migration file name must look like <timestamp>_<name>.sql: ${file}`);
      return { version: match[1]!, name: match[2]!, sql: fs.readFileSync(path.join(dir, file), "utf8") };
    });
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

export async function migrate(databaseUrl: string, migrations = readMigrations()): Promise<MigrateResult> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(`
      create schema if not exists supabase_migrations;
      create table if not exists supabase_migrations.schema_migrations (
        version text primary key, statements text[], name text
      )`);
    const { rows } = await client.query<{ version: string }>(
      "select version from supabase_migrations.schema_migrations",
    );
    const done = new Set(rows.map((row) => row.version));
    const result: MigrateResult = { applied: [], alreadyApplied: [] };
    for (const migration of migrations) {
      if (done.has(migration.version)) {
        result.alreadyApplied.push(`${migration.version}_${migration.name}`);
        continue;
      }
      await client.query("begin");
      try {
        await client.query(migration.sql);
        await client.query(
          "insert into supabase_migrations.schema_migrations (version, statements, name) values ($1, $2, $3)",
          [migration.version, [migration.sql], migration.name],
        );
        await client.query("commit");
      } catch (error) {
        await client.query("rollback");
        throw new Error(`Migration ${migration.version}_${migration.name} failed: ${(error as Error).message}`);
      }
      result.applied.push(`${migration.version}_${migration.name}`);
    }
    return result;
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
