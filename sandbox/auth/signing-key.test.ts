import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { getFreePort } from "@/test/support/ports";
import { startAuthStandIn } from "./server";
import { SigningKeyFileError } from "./signing-key";
import { createTestUser, rawCall, rawSignIn, TEST_KEY, uniqueEmail } from "@/test/support/auth/auth-test-helpers";

let db: TestDatabase;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "lpcs-auth-key-"));
});

afterAll(async () => {
  await db?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function jwksKid(url: string): Promise<string> {
  const body = (await (await fetch(`${url}/auth/v1/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
  return body.keys[0]!.kid;
}

describe("signing key persistence", () => {
  it("a key file makes sessions survive a restart of the stand-in", async () => {
    const keyFile = path.join(dir, "nested", "auth-signing-key.json");
    const { email } = await createTestUser(db.pool, { email: uniqueEmail("restart") });

    const before = await startAuthStandIn({
      databaseUrl: db.url,
      port: await getFreePort(),
      publishableKey: TEST_KEY,
      keyFile,
    });
    const session = await rawSignIn(before.url, email);
    const kidBefore = await jwksKid(before.url);
    await before.stop();

    expect((fs.statSync(keyFile).mode & 0o777).toString(8)).toBe("600");
    const after = await startAuthStandIn({
      databaseUrl: db.url,
      port: await getFreePort(),
      publishableKey: TEST_KEY,
      keyFile,
    });
    try {
      expect(await jwksKid(after.url)).toBe(kidBefore);
      const user = await rawCall(after.url, "GET", "/auth/v1/user", {
        headers: { Authorization: `Bearer ${session.access_token}` },
      });
      expect(user.status).toBe(200);
    } finally {
      await after.stop();
    }
  });

  it("without a key file every start has a new key, so old tokens stop verifying", async () => {
    const { email } = await createTestUser(db.pool, { email: uniqueEmail("ephemeral") });
    const first = await startAuthStandIn({ databaseUrl: db.url, port: await getFreePort(), publishableKey: TEST_KEY });
    const session = await rawSignIn(first.url, email);
    await first.stop();
    const second = await startAuthStandIn({ databaseUrl: db.url, port: await getFreePort(), publishableKey: TEST_KEY });
    try {
      const user = await rawCall(second.url, "GET", "/auth/v1/user", {
        headers: { Authorization: `Bearer ${session.access_token}` },
      });
      expect(user).toMatchObject({ status: 403, body: { code: "bad_jwt" } });
    } finally {
      await second.stop();
    }
  });

  it("refuses to start on a damaged key file instead of silently replacing it", async () => {
    const keyFile = path.join(dir, "damaged.json");
    fs.writeFileSync(keyFile, JSON.stringify({ kid: "k", alg: "RS256" }));
    await expect(startAuthStandIn({ databaseUrl: db.url, port: await getFreePort(), keyFile })).rejects.toBeInstanceOf(
      SigningKeyFileError,
    );
    expect(JSON.parse(fs.readFileSync(keyFile, "utf8"))).toEqual({ kid: "k", alg: "RS256" });
  });

  it("refuses to start on a database without the Supabase auth schema", async () => {
    const name = `t_plain_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: inject("pgAdminUrl") });
    admin.on("error", () => {}); // the test's own queries report failures; an idle error must not crash the run
    await admin.connect();
    try {
      await admin.query(`create database ${name} template template0`);
      const url = new URL(inject("pgAdminUrl"));
      url.pathname = `/${name}`;
      await expect(startAuthStandIn({ databaseUrl: url.toString(), port: await getFreePort() })).rejects.toThrow(
        /supabase-prep\.sql/,
      );
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
