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

  it("creates the learners view over active auth users, with or without an email (the sync reports those without)", async () => {
    await db.pool.query(`insert into auth.users (id, email, deleted_at, banned_until) values
      ('00000000-0000-0000-0000-000000000001', 'ok@x.test', null, null),
      ('00000000-0000-0000-0000-000000000002', 'gone@x.test', now(), null),
      ('00000000-0000-0000-0000-000000000003', 'banned@x.test', null, now() + interval '1 day'),
      ('00000000-0000-0000-0000-000000000004', null, null, null),
      ('00000000-0000-0000-0000-000000000005', 'was-banned@x.test', null, now() - interval '1 day'),
      ('00000000-0000-0000-0000-000000000006', '  ', null, null),
      ('00000000-0000-0000-0000-000000000007', null, now(), null),
      ('00000000-0000-0000-0000-000000000008', '', null, now() + interval '1 day')`);
    const { rows } = await db.pool.query(
      "select right(user_id::text, 1) as id, email from crm_sync.learners order by user_id",
    );
    expect(rows).toEqual([
      { id: "1", email: "ok@x.test" },
      { id: "4", email: null },
      { id: "5", email: "was-banned@x.test" },
      { id: "6", email: "  " },
    ]);
  });

  it("upgrades only the learners view it shipped: a customer's own view is left as is", async () => {
    const [upgrade] = readMigrations().filter((m) => m.name === "learners_without_email");
    expect(upgrade).toBeDefined();
    const client = await db.pool.connect();
    try {
      const notices: string[] = [];
      client.on("notice", (notice) => notices.push(notice.message ?? ""));
      await client.query("begin");
      await client.query(
        "create or replace view crm_sync.learners as select u.id as user_id, u.email::text as email from auth.users u where u.email like '%@school.test'",
      );
      const custom = (await client.query("select pg_get_viewdef('crm_sync.learners'::regclass) as def")).rows[0].def;
      await client.query(upgrade!.sql);
      expect((await client.query("select pg_get_viewdef('crm_sync.learners'::regclass) as def")).rows[0].def).toBe(
        custom,
      );
      expect(notices.join("\n")).toContain("crm_sync.learners has a custom definition and was left as is");
      await client.query("rollback");
    } finally {
      client.release();
    }
    // The shipped view of the first migration is upgraded (and a second run changes nothing).
    await db.pool.query(
      "insert into auth.users (id, email) values ('00000000-0000-0000-0000-0000000000a1', null) on conflict do nothing",
    );
    const [schema] = readMigrations();
    const viewSql = /create or replace view crm_sync\.learners as[\s\S]*?;/.exec(schema!.sql)![0];
    await db.pool.query(viewSql);
    expect(
      (await db.pool.query("select count(*)::int as n from crm_sync.learners where email is null")).rows[0].n,
    ).toBe(0);
    await db.pool.query(upgrade!.sql);
    await db.pool.query(upgrade!.sql);
    expect(
      (await db.pool.query("select count(*)::int as n from crm_sync.learners where email is null")).rows[0].n,
    ).toBeGreaterThan(0);
  });

  it("leaves staff accounts out of the learners view, upgrading the shipped view only", async () => {
    const [excludeStaff] = readMigrations().filter((m) => m.name === "learners_exclude_staff");
    expect(excludeStaff).toBeDefined();
    await db.pool.query(`insert into auth.users (id, email) values
      ('00000000-0000-0000-0000-0000000000b1', 'tutor@school.test'),
      ('00000000-0000-0000-0000-0000000000b2', 'pupil@school.test') on conflict do nothing`);
    await db.pool.query(
      "insert into crm_sync.staff (user_id, email, role) values ('00000000-0000-0000-0000-0000000000b1', 'tutor@school.test', 'viewer')",
    );
    // The previous test left the v2 view (learners without email) in place: the upgrade applies.
    await db.pool.query(excludeStaff!.sql);
    await db.pool.query(excludeStaff!.sql);
    const emails = (
      await db.pool.query("select email from crm_sync.learners where email like '%@school.test'")
    ).rows.map((row) => row.email);
    expect(emails).toEqual(["pupil@school.test"]);
    await db.pool.query("delete from crm_sync.staff where user_id = '00000000-0000-0000-0000-0000000000b1'");
    expect(
      (await db.pool.query("select count(*)::int as n from crm_sync.learners where email = 'tutor@school.test'"))
        .rows[0].n,
    ).toBe(1);
  });

  it("lists staff accounts in the learners view again (the sync decides), upgrading the shipped view only", async () => {
    const [excludeStaff] = readMigrations().filter((m) => m.name === "learners_exclude_staff");
    const [restore] = readMigrations().filter((m) => m.name === "staff_learners_and_stop_phase");
    expect(restore).toBeDefined();
    await db.pool.query(`insert into auth.users (id, email) values
      ('00000000-0000-0000-0000-0000000000c1', 'coach@school.test') on conflict do nothing`);
    await db.pool.query(
      "insert into crm_sync.staff (user_id, email, role) values ('00000000-0000-0000-0000-0000000000c1', 'coach@school.test', 'viewer') on conflict do nothing",
    );
    const coachInView = async (queryable: { query: typeof db.pool.query }) =>
      (
        await queryable.query(
          "select count(*)::int as n from crm_sync.learners where user_id = '00000000-0000-0000-0000-0000000000c1'",
        )
      ).rows[0].n;
    // The view of 20261206060000 (staff left out) is the shipped one: it is replaced, twice without harm.
    await db.pool.query(excludeStaff!.sql);
    expect(await coachInView(db.pool)).toBe(0);
    await db.pool.query(restore!.sql);
    await db.pool.query(restore!.sql);
    expect(await coachInView(db.pool)).toBe(1);

    // A customer's own view (here one that still leaves staff out its own way) is left as is, with a notice.
    const client = await db.pool.connect();
    try {
      const notices: string[] = [];
      client.on("notice", (notice) => notices.push(notice.message ?? ""));
      await client.query("begin");
      await client.query(
        `create or replace view crm_sync.learners as select u.id as user_id, u.email::text as email from auth.users u
         where u.email not like '%@school.test'`,
      );
      const custom = (await client.query("select pg_get_viewdef('crm_sync.learners'::regclass) as def")).rows[0].def;
      await client.query(restore!.sql);
      expect((await client.query("select pg_get_viewdef('crm_sync.learners'::regclass) as def")).rows[0].def).toBe(
        custom,
      );
      expect(await coachInView(client)).toBe(0);
      expect(notices.join("\n")).toContain("crm_sync.learners has a custom definition and was left as is");
      await client.query("rollback");
    } finally {
      client.release();
    }
    expect(await coachInView(db.pool)).toBe(1);
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
