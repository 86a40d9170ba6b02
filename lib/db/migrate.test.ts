import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { migrate, readMigrations } from "./migrate";

describe("migrate", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db.drop());

  it("reports every migration as already applied on a migrated database, twice in a row", async () => {
    const all = readMigrations().map((m) => `${m.version}_${m.name}`);
    expect(all.length).toBeGreaterThan(0);
    for (let i = 0; i < 2; i++) {
      const result = await migrate(db.url);
      expect(result.applied).toEqual([]);
      expect(result.alreadyApplied).toEqual(all);
    }
  });

  it("re-applies cleanly when the record is lost (the SQL itself is idempotent)", async () => {
    await db.pool.query("delete from supabase_migrations.schema_migrations");
    const first = await migrate(db.url);
    expect(first.applied.length).toBe(readMigrations().length);
    const second = await migrate(db.url);
    expect(second.applied).toEqual([]);
  });

  it("creates the learners view over active auth users with an email", async () => {
    await db.pool.query(`insert into auth.users (id, email, deleted_at, banned_until) values
      ('00000000-0000-0000-0000-000000000001', 'ok@x.test', null, null),
      ('00000000-0000-0000-0000-000000000002', 'gone@x.test', now(), null),
      ('00000000-0000-0000-0000-000000000003', 'banned@x.test', null, now() + interval '1 day'),
      ('00000000-0000-0000-0000-000000000004', null, null, null),
      ('00000000-0000-0000-0000-000000000005', 'was-banned@x.test', null, now() - interval '1 day')`);
    const { rows } = await db.pool.query("select email from crm_sync.learners order by email");
    expect(rows.map((r) => r.email)).toEqual(["ok@x.test", "was-banned@x.test"]);
  });

  it("lets the database itself refuse a second live run", async () => {
    await db.pool.query("insert into crm_sync.runs (mode, trigger, started_by_label) values ('live', 'cli', 'a')");
    await expect(
      db.pool.query("insert into crm_sync.runs (mode, trigger, started_by_label) values ('live', 'cli', 'b')"),
    ).rejects.toThrow(/runs_one_live_run/);
    await db.pool.query("insert into crm_sync.runs (mode, trigger, started_by_label) values ('dry_run', 'cli', 'c')");
  });

  it("grants the API roles nothing in crm_sync", async () => {
    const client = await db.pool.connect();
    try {
      for (const role of ["anon", "authenticated"]) {
        await client.query(`set role ${role}`);
        await expect(client.query("select * from crm_sync.staff")).rejects.toThrow(/permission denied/);
        await expect(client.query("select * from crm_sync.learners")).rejects.toThrow(/permission denied/);
        await client.query("reset role");
      }
    } finally {
      client.release();
    }
  });
});
