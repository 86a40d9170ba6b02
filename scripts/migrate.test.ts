import { execFile } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMigrations } from "@/lib/db/migrate";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";

function runMigrate(databaseUrl: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "scripts/migrate.ts"],
      { cwd: process.cwd(), env: { ...process.env, DATABASE_URL: databaseUrl }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("npm run db:migrate (scripts/migrate.ts)", () => {
  let db: TestDatabase;
  const names = readMigrations().map((m) => `${m.version}_${m.name}`);

  beforeAll(async () => {
    db = await createTestDatabase();
    // The template is migrated already; forgetting the record makes every (idempotent) migration pending.
    await db.pool.query("delete from supabase_migrations.schema_migrations");
  });
  afterAll(async () => db.drop());

  it("applies pending migrations, then reports all as already applied", async () => {
    const first = await runMigrate(db.url);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const lines = first.stdout.trim().split("\n");
    expect(lines[0]).toBe(`Migrating ${db.url.replace(":postgres@", ":***@")} (DATABASE_URL)`);
    expect(lines.slice(1, -1)).toEqual(names.map((name) => `  applied          ${name}`));
    expect(lines.at(-1)).toBe(`${names.length} applied, 0 already applied.`);

    const second = await runMigrate(db.url);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(names.map((name) => `  already applied  ${name}`).join("\n"));
    expect(second.stdout.trim().split("\n").at(-1)).toBe(`0 applied, ${names.length} already applied.`);
    const { rows } = await db.pool.query("select version from supabase_migrations.schema_migrations order by version");
    expect(rows.map((r) => r.version)).toEqual(names.map((name) => name.split("_")[0]));
  });

  it("fails with exit code 1 and a one-line reason when the database is unreachable", async () => {
    const result = await runMigrate("postgres://postgres:secret@127.0.0.1:1/nowhere");
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^db:migrate failed: .*ECONNREFUSED[^\n]*$/);
    expect(result.stdout + result.stderr).not.toContain("secret");
  });
});
