/**
 * `npm run db:migrate`: applies supabase/migrations to DATABASE_URL, or — when it is unset — to
 * the local embedded Postgres (started for the run if the demo is not running).
 * Prints each migration as applied / already applied. Exit code 0 ok, 1 failure.
 */
import { migrate, readMigrations } from "@/lib/db/migrate";
import { formatCliError, redactDatabaseUrl } from "@/scripts/lib/format-cli-error";
import { MIGRATIONS_DIR, resolveDatabaseUrl } from "@/scripts/lib/local-stack";

const WHERE = {
  env: "DATABASE_URL",
  reused: "local embedded Postgres",
  started: "local embedded Postgres, started for this run",
} as const;

async function main(): Promise<void> {
  const migrations = readMigrations(MIGRATIONS_DIR);
  const database = await resolveDatabaseUrl({ migrate: false });
  try {
    console.log(`Migrating ${redactDatabaseUrl(database.url)} (${WHERE[database.source]})`);
    const result = await migrate(database.url, migrations);
    const applied = new Set(result.applied);
    for (const { version, name } of migrations) {
      const id = `${version}_${name}`;
      console.log(`  ${applied.has(id) ? "applied        " : "already applied"}  ${id}`);
    }
    console.log(`${result.applied.length} applied, ${result.alreadyApplied.length} already applied.`);
  } finally {
    await database.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`db:migrate failed: ${formatCliError(error)}`);
    process.exit(1);
  },
);
