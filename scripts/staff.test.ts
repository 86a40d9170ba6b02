import { execFile } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";

describe("npm run staff (scripts/staff.ts)", () => {
  let db: TestDatabase;
  const staff = (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        ["--import", "tsx", "scripts/staff.ts", ...args],
        { cwd: process.cwd(), env: { ...process.env, DATABASE_URL: db.url }, timeout: 60_000 },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.pool.query(
      "insert into auth.users (email, email_confirmed_at) values ('head@school.test', now()), ('tutor@school.test', now())",
    );
  });
  afterAll(async () => db.drop());

  it("adds, lists and removes staff, auditing the CLI user as actor", async () => {
    expect(await staff("add", "Head@School.test", "admin")).toMatchObject({
      code: 0,
      stdout: "Added head@school.test as admin.\n",
    });
    expect(await staff("add", "tutor@school.test", "viewer")).toMatchObject({ code: 0 });
    expect(await staff("add", "tutor@school.test", "operator")).toMatchObject({
      code: 0,
      stdout: "Changed tutor@school.test from viewer to operator.\n",
    });
    expect((await staff("list")).stdout).toBe("admin     head@school.test\noperator  tutor@school.test\n");
    const json = JSON.parse((await staff("list", "--json")).stdout);
    expect(json.map((m: { email: string; role: string }) => m.role)).toEqual(["admin", "operator"]);
    expect(await staff("remove", "tutor@school.test")).toMatchObject({
      code: 0,
      stdout: "Removed tutor@school.test (was operator).\n",
    });
    const { rows } = await db.pool.query("select distinct actor_label from crm_sync.audit_log");
    expect(rows).toEqual([{ actor_label: expect.stringMatching(/^cli:/) }]);
  });

  it("exits 1 with one line when the change is refused", async () => {
    const lastAdmin = await staff("remove", "head@school.test");
    expect(lastAdmin.code).toBe(1);
    expect(lastAdmin.stderr).toMatch(/^staff: Cannot remove head@school\.test: they are the last admin\.[^\n]*\n$/);
    const unknown = await staff("add", "ghost@school.test", "viewer");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("prints usage and exits 2 on bad arguments", async () => {
    for (const args of [[], ["add", "x@y.z"], ["promote", "x@y.z"]]) {
      const result = await staff(...args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("Usage: npm run staff -- <command>");
    }
  });
});
