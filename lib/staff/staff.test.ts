import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { addStaff, changeRole, listStaff, removeStaff, StaffError, type StaffActor } from "./index";

const actor: StaffActor = { id: "00000000-0000-4000-8000-0000000000aa", label: "tester@school.test" };
const EMAILS = [
  "ada@school.test",
  "bo@school.test",
  "cy@school.test",
  "maria.lopez@example.com",
  "Maria.Lopez@Example.com",
];

describe("staff management", () => {
  let db: TestDatabase;
  const audit = async () =>
    (await db.pool.query("select actor_id, actor_label, action, target, details from crm_sync.audit_log order by id"))
      .rows;
  const admins = async () =>
    (await db.pool.query("select email from crm_sync.staff where role = 'admin' order by email")).rows.map(
      (r) => r.email,
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.pool.query("insert into auth.users (email, email_confirmed_at) select unnest($1::text[]), now()", [
      EMAILS,
    ]);
    await db.pool.query("insert into auth.users (email) values ('unconfirmed@school.test')");
  });
  afterAll(async () => db.drop());
  beforeEach(async () => {
    await db.pool.query("delete from crm_sync.staff; delete from crm_sync.audit_log");
  });

  it("adds an existing user, matching the email case-insensitively, and audits it", async () => {
    const result = await addStaff(db.pool, actor, { email: "  ADA@School.test ", role: "admin" });
    expect(result).toMatchObject({
      change: "added",
      previousRole: null,
      member: { email: "ada@school.test", role: "admin" },
    });
    expect(await audit()).toEqual([
      {
        actor_id: actor.id,
        actor_label: actor.label,
        action: "staff.add",
        target: "ada@school.test",
        details: { role: "admin" },
      },
    ]);
  });

  it("upserts: adding again changes the role; the same role changes nothing and writes no audit row", async () => {
    await addStaff(db.pool, actor, { email: "bo@school.test", role: "viewer" });
    expect((await addStaff(db.pool, actor, { email: "bo@school.test", role: "operator" })).change).toBe("role_changed");
    expect((await addStaff(db.pool, actor, { email: "bo@school.test", role: "operator" })).change).toBe("unchanged");
    expect((await audit()).map((row) => [row.action, row.details])).toEqual([
      ["staff.add", { role: "viewer" }],
      ["staff.role_change", { from: "viewer", to: "operator" }],
    ]);
  });

  it("rejects unknown users, bad roles, bad emails and ambiguous case duplicates with typed errors", async () => {
    const codeOf = (promise: Promise<unknown>) =>
      promise.then(
        () => "ok",
        (error: unknown) => (error instanceof StaffError ? error.code : String(error)),
      );
    expect(await codeOf(addStaff(db.pool, actor, { email: "ghost@school.test", role: "viewer" }))).toBe(
      "user_not_found",
    );
    expect(await codeOf(addStaff(db.pool, actor, { email: "ada@school.test", role: "owner" }))).toBe("invalid_input");
    expect(await codeOf(addStaff(db.pool, actor, { email: "not-an-email", role: "viewer" }))).toBe("invalid_input");
    expect(
      await codeOf(addStaff(db.pool, { id: "nope", label: "x" }, { email: "ada@school.test", role: "viewer" })),
    ).toBe("invalid_input");
    expect(await codeOf(addStaff(db.pool, actor, { email: "MARIA.LOPEZ@example.com", role: "viewer" }))).toBe(
      "ambiguous_email",
    );
    // The exact spelling picks one of the two.
    expect((await addStaff(db.pool, actor, { email: "Maria.Lopez@Example.com", role: "viewer" })).member.email).toBe(
      "Maria.Lopez@Example.com",
    );
    expect(await codeOf(removeStaff(db.pool, actor, "cy@school.test"))).toBe("not_staff");
    expect(await codeOf(changeRole(db.pool, actor, { email: "cy@school.test", role: "admin" }))).toBe("not_staff");
    expect(await audit()).toHaveLength(1);
  });

  it("refuses a role for an account whose email is unconfirmed, saying why, and grants it once confirmed", async () => {
    const attempt = addStaff(db.pool, actor, { email: "unconfirmed@school.test", role: "admin" });
    await expect(attempt).rejects.toMatchObject({ name: "StaffError", code: "email_not_confirmed" });
    await expect(addStaff(db.pool, actor, { email: "unconfirmed@school.test", role: "admin" })).rejects.toThrow(
      /not confirmed/,
    );
    expect(await audit()).toEqual([]);
    await db.pool.query("update auth.users set email_confirmed_at = now() where email = 'unconfirmed@school.test'");
    expect((await addStaff(db.pool, actor, { email: "unconfirmed@school.test", role: "viewer" })).change).toBe("added");
    await db.pool.query("update auth.users set email_confirmed_at = null where email = 'unconfirmed@school.test'");
  });

  it("never removes or demotes the last admin, by any route", async () => {
    await addStaff(db.pool, actor, { email: "ada@school.test", role: "admin" });
    await addStaff(db.pool, actor, { email: "bo@school.test", role: "viewer" });
    const lastAdmin = { name: "StaffError", code: "last_admin" };
    await expect(removeStaff(db.pool, actor, "ada@school.test")).rejects.toMatchObject(lastAdmin);
    await expect(changeRole(db.pool, actor, { email: "ada@school.test", role: "operator" })).rejects.toMatchObject(
      lastAdmin,
    );
    await expect(addStaff(db.pool, actor, { email: "ada@school.test", role: "viewer" })).rejects.toMatchObject(
      lastAdmin,
    );
    expect(await admins()).toEqual(["ada@school.test"]);

    await changeRole(db.pool, actor, { email: "bo@school.test", role: "admin" });
    await changeRole(db.pool, actor, { email: "ada@school.test", role: "viewer" });
    expect((await removeStaff(db.pool, actor, "ada@school.test")).change).toBe("removed");
    expect(await admins()).toEqual(["bo@school.test"]);
    expect((await audit()).map((row) => `${row.action} ${row.target}`)).toEqual([
      "staff.add ada@school.test",
      "staff.add bo@school.test",
      "staff.role_change bo@school.test",
      "staff.role_change ada@school.test",
      "staff.remove ada@school.test",
    ]);
  });

  it("lets only one of two concurrent demotions/removals of the last two admins succeed", async () => {
    for (let round = 0; round < 8; round++) {
      await db.pool.query("delete from crm_sync.staff");
      await addStaff(db.pool, actor, { email: "ada@school.test", role: "admin" });
      await addStaff(db.pool, actor, { email: "bo@school.test", role: "admin" });
      const results = await Promise.allSettled(
        round % 2 === 0
          ? [
              changeRole(db.pool, actor, { email: "ada@school.test", role: "viewer" }),
              changeRole(db.pool, actor, { email: "bo@school.test", role: "viewer" }),
            ]
          : [removeStaff(db.pool, actor, "ada@school.test"), removeStaff(db.pool, actor, "bo@school.test")],
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const rejected = results.find((r) => r.status === "rejected");
      expect(rejected?.status === "rejected" && rejected.reason).toMatchObject({ code: "last_admin" });
      expect(await admins()).toHaveLength(1);
    }
  });

  it("lists staff by role, then email, with the current auth email", async () => {
    await addStaff(db.pool, actor, { email: "cy@school.test", role: "viewer" });
    await addStaff(db.pool, actor, { email: "bo@school.test", role: "operator" });
    await addStaff(db.pool, actor, { email: "ada@school.test", role: "admin" });
    await db.pool.query("update auth.users set email = 'cyril@school.test' where email = 'cy@school.test'");
    const staff = await listStaff(db.pool);
    expect(staff.map((m) => `${m.role} ${m.email}`)).toEqual([
      "admin ada@school.test",
      "operator bo@school.test",
      "viewer cyril@school.test",
    ]);
    expect(staff[0]!.createdBy).toBe(actor.id);
    expect((await removeStaff(db.pool, actor, "cyril@school.test")).member.email).toBe("cyril@school.test");
    await db.pool.query("update auth.users set email = 'cy@school.test' where email = 'cyril@school.test'");
  });
});
