/**
 * Migrates and, on an empty database, seeds the demo data. A database that already holds users
 * or level tables but no demo seed (a real project behind DATABASE_URL) is never seeded: that
 * would add logins with a published password to it.
 */
import type pg from "pg";
import { migrate, readMigrations } from "@/lib/db/migrate";
import { DEMO_LOGINS } from "@/sandbox/seed/demo-logins";
import { isDatabaseEmpty, isSeeded, seedDemoData } from "@/sandbox/seed/seed-demo-data";
import { MIGRATIONS_DIR, type ResolvedDatabase } from "@/scripts/lib/local-stack";

export interface DemoDataState {
  hasLogins: boolean;
  /** Set when the stored passwords do not match DEMO_PASSWORD (seeded earlier with another one). */
  passwordMismatch: boolean;
}

export async function prepareDemoData(
  pool: pg.Pool,
  database: ResolvedDatabase,
  options: { password: string; schema: string; say: (line: string) => void },
): Promise<DemoDataState> {
  const { say } = options;
  const migrations = database.migrations ?? (await migrate(database.url, readMigrations(MIGRATIONS_DIR)));
  say(`migrations: ${migrations.applied.length} applied, ${migrations.alreadyApplied.length} already applied`);

  if (await isSeeded(pool, options.schema)) {
    say("demo data found: not seeding again");
  } else if (await isDatabaseEmpty(pool, options.schema)) {
    say("empty database: seeding demo data…");
    const report = await seedDemoData(pool, { password: options.password, schema: options.schema });
    say(
      `seeded ${report.learners.toLocaleString("en")} learners, ${report.progressRows.toLocaleString("en")} progress rows, ` +
        `${report.milestoneRows.toLocaleString("en")} milestones in ${(report.durationMs / 1000).toFixed(1)}s ` +
        `(${report.anomalies.length} deliberate bad rows, see sandbox/seed/demo-anomalies.ts)`,
    );
  } else {
    say("this database has users or level tables but no demo seed: not seeding it (no demo logins)");
    return { hasLogins: false, passwordMismatch: false };
  }
  const { rows } = await pool.query<{ matches: boolean }>(
    "select encrypted_password = extensions.crypt($1, encrypted_password) as matches from auth.users where email = $2",
    [options.password, DEMO_LOGINS[0].email],
  );
  return { hasLogins: true, passwordMismatch: rows[0]?.matches !== true };
}
