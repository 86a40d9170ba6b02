import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { AuthUserExistsError, createAuthUser } from "./users";
import { uniqueEmail } from "@/test/support/auth/auth-test-helpers";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.drop();
});

async function storedRow(id: string) {
  const { rows } = await db.pool.query(
    `select email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, aud, role,
            encrypted_password = extensions.crypt('pw-123456', encrypted_password) as matches
       from auth.users where id = $1`,
    [id],
  );
  return rows[0];
}

describe("createAuthUser", () => {
  it("stores a lower-cased email and a bcrypt (cost 10) hash that pgcrypto verifies", async () => {
    const email = uniqueEmail("Mixed");
    const created = await createAuthUser(db.pool, {
      email: `  ${email} `,
      password: "pw-123456",
      userMetadata: { name: "Bo" },
    });

    const row = await storedRow(created.id);
    expect(created.email).toBe(email.toLowerCase());
    expect(row.email).toBe(email.toLowerCase());
    expect(row.encrypted_password).toMatch(/^\$2a\$10\$/);
    expect(row.matches).toBe(true);
    expect(row.email_confirmed_at).toBeInstanceOf(Date);
    expect(row).toMatchObject({ aud: "authenticated", role: "authenticated", raw_user_meta_data: { name: "Bo" } });
    expect(row.raw_app_meta_data).toEqual({ provider: "email", providers: ["email"] });
    expect(created.user).toMatchObject({ id: created.id, email: email.toLowerCase(), is_banned: false });
  });

  it("takes a lower bcrypt cost for bulk seeding, unconfirmed users and extra app metadata", async () => {
    const created = await createAuthUser(db.pool, {
      email: uniqueEmail("bulk"),
      password: "pw-123456",
      bcryptCost: 4,
      emailConfirmed: false,
      appMetadata: { role_hint: "viewer" },
    });
    const row = await storedRow(created.id);
    expect(row.encrypted_password).toMatch(/^\$2a\$04\$/);
    expect(row.matches).toBe(true);
    expect(row.email_confirmed_at).toBeNull();
    expect(row.raw_app_meta_data).toEqual({ provider: "email", providers: ["email"], role_hint: "viewer" });
  });

  it("throws AuthUserExistsError for a taken email, whatever its case", async () => {
    const email = uniqueEmail("taken");
    await createAuthUser(db.pool, { email, password: "pw-123456", bcryptCost: 4 });
    await expect(
      createAuthUser(db.pool, { email: email.toUpperCase(), password: "other-pw", bcryptCost: 4 }),
    ).rejects.toBeInstanceOf(AuthUserExistsError);
  });

  it("rejects invalid input before touching the database", async () => {
    await expect(createAuthUser(db.pool, { email: "not-an-email", password: "pw-123456" })).rejects.toThrow();
    await expect(createAuthUser(db.pool, { email: uniqueEmail("empty"), password: "" })).rejects.toThrow();
    await expect(
      createAuthUser(db.pool, { email: uniqueEmail("cost"), password: "pw", bcryptCost: 3 }),
    ).rejects.toThrow();
  });
});
