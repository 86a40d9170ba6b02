import { decodeJwt, decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "@/test/support/db";
import type { AuthStandIn } from "./server";
import {
  createTestClient,
  createTestUser,
  forgePayload,
  rawCall,
  recordingFetch,
  startTestAuthStack,
  stopTestAuthStack,
  TEST_KEY,
  TEST_PASSWORD,
  uniqueEmail,
} from "@/test/support/auth/auth-test-helpers";

let db: TestDatabase;
let auth: AuthStandIn;

beforeAll(async () => {
  ({ db, auth } = await startTestAuthStack());
});
afterAll(() => stopTestAuthStack({ db, auth }));

describe("password sign-in with the real supabase-js client", () => {
  it("returns a GoTrue session, records it in auth.sessions/refresh_tokens and stamps last_sign_in_at", async () => {
    const { id, email } = await createTestUser(db.pool, {
      email: uniqueEmail("Staff"),
      userMetadata: { name: "Ada" },
      appMetadata: { team: "x" },
    });
    const client = createTestClient(auth.url);

    const { data, error } = await client.auth.signInWithPassword({
      email: email.toUpperCase(),
      password: TEST_PASSWORD,
    });

    expect(error).toBeNull();
    const session = data.session!;
    expect(session.token_type).toBe("bearer");
    expect(session.expires_in).toBe(3600);
    expect(session.expires_at).toBe(decodeJwt(session.access_token).exp);
    expect(session.refresh_token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(data.user).toMatchObject({
      id,
      aud: "authenticated",
      role: "authenticated",
      email,
      phone: "",
      app_metadata: { provider: "email", providers: ["email"], team: "x" },
      user_metadata: { name: "Ada" },
      identities: [],
      is_anonymous: false,
    });
    expect(data.user!.last_sign_in_at).toEqual(expect.any(String));
    expect(data.user!.email_confirmed_at).toEqual(expect.any(String));

    const claims = decodeJwt(session.access_token);
    expect(decodeProtectedHeader(session.access_token)).toMatchObject({
      alg: "ES256",
      typ: "JWT",
      kid: expect.any(String),
    });
    expect(claims).toMatchObject({
      iss: `${auth.url}/auth/v1`,
      sub: id,
      aud: "authenticated",
      email,
      phone: "",
      role: "authenticated",
      aal: "aal1",
      amr: [{ method: "password", timestamp: expect.any(Number) }],
      session_id: expect.any(String),
      is_anonymous: false,
      app_metadata: { provider: "email", providers: ["email"], team: "x" },
      user_metadata: { name: "Ada" },
    });
    expect(claims.exp! - claims.iat!).toBe(3600);

    const stored = await db.pool.query(
      `select s.user_id::text, rt.revoked, rt.parent, u.last_sign_in_at is not null as signed_in
         from auth.sessions s join auth.refresh_tokens rt on rt.session_id = s.id join auth.users u on u.id = s.user_id
        where s.id = $1 and rt.token = $2`,
      [claims.session_id, session.refresh_token],
    );
    expect(stored.rows).toEqual([{ user_id: id, revoked: false, parent: null, signed_in: true }]);
  });

  it("getClaims() verifies the ES256 token locally against the JWKS, without calling /user", async () => {
    const { id, email } = await createTestUser(db.pool, { email: uniqueEmail("claims") });
    const recorder = recordingFetch();
    const client = createTestClient(auth.url, { fetch: recorder.fetch });
    const { data: signIn } = await client.auth.signInWithPassword({ email, password: TEST_PASSWORD });
    recorder.calls.length = 0;

    const first = await client.auth.getClaims();
    const second = await client.auth.getClaims();

    expect(first.error).toBeNull();
    expect(first.data?.claims).toMatchObject({
      sub: id,
      session_id: decodeJwt(signIn.session!.access_token).session_id,
    });
    expect(first.data?.header).toMatchObject({ alg: "ES256" });
    expect(second.data?.claims.sub).toBe(id);
    // One JWKS fetch (then cached by auth-js), and no server-side verification.
    expect(recorder.paths()).toEqual(["/auth/v1/.well-known/jwks.json"]);
  });

  it("getClaims() rejects a forged token locally; getUser() asks the server", async () => {
    const { id, email } = await createTestUser(db.pool, { email: uniqueEmail("forged") });
    const recorder = recordingFetch();
    const client = createTestClient(auth.url, { fetch: recorder.fetch });
    const { data } = await client.auth.signInWithPassword({ email, password: TEST_PASSWORD });
    const forgedToken = forgePayload(data.session!.access_token, { role: "service_role" });
    recorder.calls.length = 0;

    const forged = await client.auth.getClaims(forgedToken);
    expect(forged.data).toBeNull();
    expect(forged.error?.message).toBe("Invalid JWT signature");
    expect(recorder.paths()).not.toContain("/auth/v1/user");

    const user = await client.auth.getUser();
    expect(user.error).toBeNull();
    expect(user.data.user?.id).toBe(id);
    expect(recorder.paths()).toContain("/auth/v1/user");
  });

  it("answers a wrong password and an unknown email alike: 400 invalid_credentials", async () => {
    const { email } = await createTestUser(db.pool, { email: uniqueEmail("wrong") });
    const client = createTestClient(auth.url);

    for (const attempt of [
      { email, password: "not it" },
      { email: uniqueEmail("nobody"), password: TEST_PASSWORD },
    ]) {
      const { data, error } = await client.auth.signInWithPassword(attempt);
      expect(data.session).toBeNull();
      expect(error).toMatchObject({
        name: "AuthApiError",
        status: 400,
        code: "invalid_credentials",
        message: "Invalid login credentials",
      });
    }
  });

  it("uses GoTrue's legacy error body for clients without X-Supabase-Api-Version", async () => {
    const legacy = await rawCall(auth.url, "POST", "/auth/v1/token?grant_type=password", {
      apiVersion: false,
      body: { email: uniqueEmail("ghost"), password: "x" },
    });
    expect(legacy.status).toBe(400);
    expect(legacy.body).toEqual({ code: 400, error_code: "invalid_credentials", msg: "Invalid login credentials" });
    expect(legacy.headers.get("x-supabase-api-version")).toBeNull();

    const current = await rawCall(auth.url, "POST", "/auth/v1/token?grant_type=password", {
      body: { email: uniqueEmail("ghost"), password: "x" },
    });
    expect(current.body).toEqual({ code: "invalid_credentials", message: "Invalid login credentials" });
    expect(current.headers.get("x-supabase-api-version")).toBe("2024-01-01");
  });

  it("refuses banned, deleted and unconfirmed users", async () => {
    const banned = await createTestUser(db.pool, { email: uniqueEmail("banned") });
    await db.pool.query(`update auth.users set banned_until = now() + interval '1 day' where id = $1`, [banned.id]);
    const expiredBan = await createTestUser(db.pool, { email: uniqueEmail("was-banned") });
    await db.pool.query(`update auth.users set banned_until = now() - interval '1 day' where id = $1`, [expiredBan.id]);
    const deleted = await createTestUser(db.pool, { email: uniqueEmail("deleted") });
    await db.pool.query(`update auth.users set deleted_at = now() where id = $1`, [deleted.id]);
    const unconfirmed = await createTestUser(db.pool, { email: uniqueEmail("unconfirmed"), emailConfirmed: false });
    const client = createTestClient(auth.url);
    const signIn = (email: string) => client.auth.signInWithPassword({ email, password: TEST_PASSWORD });

    expect((await signIn(banned.email)).error).toMatchObject({ status: 400, code: "user_banned" });
    expect((await signIn(deleted.email)).error).toMatchObject({ status: 400, code: "invalid_credentials" });
    expect((await signIn(unconfirmed.email)).error).toMatchObject({ status: 400, code: "email_not_confirmed" });
    expect((await signIn(expiredBan.email)).error).toBeNull();
    // A banned account is only revealed to someone who knows its password.
    const guess = await client.auth.signInWithPassword({ email: banned.email, password: "guess" });
    expect(guess.error).toMatchObject({ code: "invalid_credentials" });
  });

  it("validates the grant request", async () => {
    const unsupported = await rawCall(auth.url, "POST", "/auth/v1/token?grant_type=magic", { body: {} });
    expect(unsupported).toMatchObject({ status: 400, body: { error: "unsupported_grant_type" } });
    const noEmail = await rawCall(auth.url, "POST", "/auth/v1/token?grant_type=password", { body: { password: "x" } });
    expect(noEmail).toMatchObject({ status: 400, body: { code: "validation_failed" } });
    const badType = await rawCall(auth.url, "POST", "/auth/v1/token?grant_type=password", {
      body: { email: 42, password: "x" },
    });
    expect(badType).toMatchObject({ status: 400, body: { code: "validation_failed" } });
    const notJson = await fetch(`${auth.url}/auth/v1/token?grant_type=password`, {
      method: "POST",
      headers: { apikey: TEST_KEY, "X-Supabase-Api-Version": "2024-01-01", "Content-Type": "application/json" },
      body: "{nope",
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ code: "bad_json" });
  });
});
