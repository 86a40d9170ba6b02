import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { isDatabaseEmpty, isSeeded, seedDemoData, SeedError, type SeedReport } from "./seed-demo-data";

const PASSWORD = "s3cret-demo";

describe("seedDemoData", () => {
  let db: TestDatabase;
  let report: SeedReport;
  const count = async (sql: string, values: unknown[] = []) => Number((await db.pool.query(sql, values)).rows[0].count);

  beforeAll(async () => {
    db = await createTestDatabase();
    expect(await isSeeded(db.pool)).toBe(false);
    expect(await isDatabaseEmpty(db.pool)).toBe(true);
    report = await seedDemoData(db.pool, {
      learners: 2_000,
      seed: 11,
      password: PASSWORD,
      now: new Date("2026-12-01T12:00:00Z"),
    });
  });
  afterAll(async () => db.drop());

  it("is detected by isSeeded and refuses to run twice", async () => {
    expect(await isSeeded(db.pool)).toBe(true);
    expect(await isDatabaseEmpty(db.pool)).toBe(false);
    await expect(seedDemoData(db.pool, { learners: 50 })).rejects.toMatchObject({
      name: "SeedError",
      code: "already_seeded",
    });
    await expect(seedDemoData(db.pool, { learners: 50 })).rejects.toBeInstanceOf(SeedError);
    expect(await count("select count(*) from auth.users")).toBe(2_004);
  });

  it("creates the six level tables of the data contract, with integer and text unit ids", async () => {
    const { rows } = await db.pool.query(
      `select table_name, column_name, data_type from information_schema.columns
        where table_schema = 'public' and (table_name like '%\\_progress' or table_name like '%\\_milestones')`,
    );
    const tables = [...new Set(rows.map((r) => r.table_name))].sort();
    expect(tables).toEqual(["a1", "a2", "b1", "b2", "c1", "c2"].flatMap((l) => [`${l}_milestones`, `${l}_progress`]));
    const columnsOf = (table: string) =>
      rows
        .filter((r) => r.table_name === table)
        .map((r) => r.column_name)
        .sort();
    expect(columnsOf("b1_progress")).toEqual([
      "accuracy",
      "completed",
      "completed_at",
      "created_at",
      "id",
      "time_spent_seconds",
      "unit_id",
      "updated_at",
      "user_id",
    ]);
    expect(columnsOf("b1_milestones")).toEqual(["achieved_at", "id", "milestone", "user_id"]);
    const unitType = (table: string) =>
      rows.find((r) => r.table_name === table && r.column_name === "unit_id")?.data_type;
    expect(unitType("a1_progress")).toBe("integer");
    expect(unitType("c1_progress")).toBe("text");
  });

  it("writes what the report says, skewed to the lower levels", async () => {
    for (const level of report.levels) {
      expect(await count(`select count(*) from public.${level.level}_progress`)).toBe(level.progressRows);
      expect(await count(`select count(*) from public.${level.level}_milestones`)).toBe(level.milestoneRows);
    }
    expect(report.progressRows).toBeGreaterThan(40_000);
    const learnersAt = (level: string) => report.levels.find((l) => l.level === level)!.learnersWithRows;
    expect(learnersAt("a1")).toBeGreaterThan(learnersAt("b1"));
    expect(learnersAt("b1")).toBeGreaterThan(learnersAt("c1"));
    expect(learnersAt("c2")).toBeLessThan(200);
    expect(await count("select count(distinct user_id) from public.a1_progress where completed")).toBeGreaterThan(
      1_000,
    );
  });

  it("stores the listed bad rows", async () => {
    expect(await count("select count(*) from public.a1_progress where accuracy = 140")).toBe(1);
    expect(await count("select count(*) from public.a2_progress where accuracy = -5")).toBe(1);
    expect(await count("select count(*) from public.b1_progress where time_spent_seconds = -120")).toBe(1);
    const { rows } = await db.pool.query("select email from crm_sync.learners where email = any($1)", [
      ["not-an-email", "bob@", "a b@example.com", "maria.lopez@example.com", "Maria.Lopez@Example.com"],
    ]);
    expect(rows).toHaveLength(5);
    const byKind = (kind: string) => report.anomalies.filter((a) => a.kind === kind);
    expect(
      byKind("invalid_email")
        .map((a) => a.email)
        .sort(),
    ).toEqual(["a b@example.com", "bob@", "not-an-email"]);
    const noProgress = byKind("no_progress")[0]!;
    const levels = ["a1", "a2", "b1", "b2", "c1", "c2"];
    for (const level of levels)
      expect(await count(`select count(*) from public.${level}_progress where user_id = $1`, [noProgress.userId])).toBe(
        0,
      );
    const deleted = byKind("deleted_user")[0]!;
    expect(await count("select count(*) from crm_sync.learners where user_id = $1", [deleted.userId])).toBe(0);
    expect(await count("select count(*) from public.a1_progress where user_id = $1", [deleted.userId])).toBeGreaterThan(
      0,
    );
  });

  it("creates the demo logins with working bcrypt passwords; learners cannot log in", async () => {
    // The logins plus a sample of learners (bcrypt is slow on purpose, even at cost 4).
    const { rows } = await db.pool.query(
      `select email from (select * from auth.users order by email like '%@demo.test' desc, id limit 300) sample
        where encrypted_password = extensions.crypt($1, encrypted_password) order by email`,
      [PASSWORD],
    );
    expect(rows.map((r) => r.email)).toEqual([
      "admin@demo.test",
      "learner@demo.test",
      "operator@demo.test",
      "viewer@demo.test",
    ]);
    expect(
      await count(
        "select count(*) from auth.users where email like '%@demo.test' and encrypted_password = extensions.crypt('demo1234', encrypted_password)",
      ),
    ).toBe(0);
    expect(await count("select count(*) from auth.users where email_confirmed_at is null")).toBe(0);
  });

  it("makes three staff members but not the learner, who has progress", async () => {
    const { rows } = await db.pool.query("select email, role from crm_sync.staff order by email");
    expect(rows).toEqual([
      { email: "admin@demo.test", role: "admin" },
      { email: "operator@demo.test", role: "operator" },
      { email: "viewer@demo.test", role: "viewer" },
    ]);
    const learner = "(select id from auth.users where email = 'learner@demo.test')";
    expect(await count(`select count(*) from public.b1_progress where user_id = ${learner}`)).toBeGreaterThan(5);
    expect(
      await count(
        `select count(*) from public.a2_milestones where milestone = 'level_completed' and user_id = ${learner}`,
      ),
    ).toBe(1);
    expect(
      await count("select count(*) from crm_sync.audit_log where action = 'staff.add' and actor_label = 'demo seed'"),
    ).toBe(3);
    expect(await count("select count(*) from crm_sync.level_settings where unit_total = 20 and enabled")).toBe(6);
  });
});
