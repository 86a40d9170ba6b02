/** Makes a plain Postgres database look like a Supabase one (auth schema, API roles, pgcrypto). */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const PREP_SQL = path.join(path.dirname(fileURLToPath(import.meta.url)), "sql/supabase-prep.sql");

export async function prepareSupabaseLikeDatabase(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Roles are cluster-wide; two databases prepared at once would race on `create role`.
    await client.query("select pg_advisory_lock(727401002)");
    await client.query(fs.readFileSync(PREP_SQL, "utf8"));
  } finally {
    await client.end();
  }
}
