import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { getFreePort } from "@/test/support/ports";
import { startAuthStandIn, type AuthStandIn } from "./server";
import {
  createTestClient,
  createTestUser,
  forgePayload,
  rawCall,
  rawSignIn,
  recordingFetch,
  TEST_KEY,
  uniqueEmail,
} from "@/test/support/auth/auth-test-helpers";

let db: TestDatabase;
let auth: AuthStandIn;
/** Mints access tokens that are expired the moment they are issued (exp = iat). */
let expiringAuth: AuthStandIn;
/** Same database, different (ephemeral) signing key. */
let foreignAuth: AuthStandIn;

beforeAll(async () => {
  db = await createTestDatabase();
  const options = { databaseUrl: db.url, publishableKey: TEST_KEY };
  auth = await startAuthStandIn({ ...options, port: await getFreePort() });
  expiringAuth = await startAuthStandIn({ ...options, port: await getFreePort(), accessTokenTtlSeconds: 0 });
  foreignAuth = await startAuthStandIn({ ...options, port: await getFreePort() });
});

afterAll(async () => {
  await Promise.all([auth?.stop(), expiringAuth?.stop(), foreignAuth?.stop()]);
  await db?.drop();
});

const getUser = (token: string | undefined, url = auth.url) =>
  rawCall(url, "GET", "/auth/v1/user", { headers: token === undefined ? {} : { Authorization: `Bearer ${token}` } });

describe("GET /auth/v1/user verifies the access token like GoTrue", () => {
  it("accepts a valid token", async () => {
    const { id, email } = await createTestUser(db.pool, { email: uniqueEmail("valid") });
    const session = await rawSignIn(auth.url, email);
    expect(await getUser(session.access_token)).toMatchObject({
      status: 200,
      body: { id, email, aud: "authenticated" },
    });
  });

  it("refuses a forged payload (signature mismatch) with 403 bad_jwt", async () => {
    const { email } = await createTestUser(db.pool, { email: uniqueEmail("forge") });
    const forged = forgePayload((await rawSignIn(auth.url, email)).access_token, { role: "service_role" });
    const response = await getUser(forged);
    expect(response.status).toBe(403);
    expect(response.body).toEqual({
      code: "bad_jwt",
      message: "invalid JWT: unable to parse or verify signature, token signature is invalid: signature is invalid",
    });
  });

  it("refuses an expired token with 403 bad_jwt, and getClaims() refuses it without a request", async () => {
    const { email } = await createTestUser(db.pool, { email: uniqueEmail("expired") });
    const session = await rawSignIn(expiringAuth.url, email);
    expect(session.expires_in).toBe(0);

    const response = await getUser(session.access_token, expiringAuth.url);
    expect(response).toMatchObject({ status: 403, body: { code: "bad_jwt" } });
    expect((response.body as { message: string }).message).toContain("token is expired");

    const recorder = recordingFetch();
    const claims = await createTestClient(expiringAuth.url, { fetch: recorder.fetch }).auth.getClaims(
      session.access_token,
    );
    expect(claims.data).toBeNull();
    expect(claims.error).toMatchObject({ name: "AuthInvalidJwtError", message: "JWT has expired" });
    expect(recorder.calls).toEqual([]);
  });

  it("refuses a token signed by another key (unknown kid) both on the server and in getClaims()", async () => {
    const { email } = await createTestUser(db.pool, { email: uniqueEmail("foreign") });
    const foreignToken = (await rawSignIn(foreignAuth.url, email)).access_token;

    const response = await getUser(foreignToken);
    expect(response).toMatchObject({ status: 403, body: { code: "bad_jwt" } });
    expect((response.body as { message: string }).message).toContain("invalid kid");

    const { data, error } = await createTestClient(auth.url).auth.getClaims(foreignToken);
    expect(data).toBeNull();
    expect(error).not.toBeNull();
  });

  it("distinguishes a missing bearer (401 no_authorization) from garbage (403 bad_jwt)", async () => {
    expect(await getUser(undefined)).toMatchObject({ status: 401, body: { code: "no_authorization" } });
    expect(await getUser("not-a-jwt")).toMatchObject({ status: 403, body: { code: "bad_jwt" } });
    // The publishable key as bearer (what supabase-js sends without a session) is no user token.
    expect(await getUser(TEST_KEY)).toMatchObject({ status: 403, body: { code: "bad_jwt" } });
  });

  it("refuses a valid token of a user deleted since (403 user_not_found)", async () => {
    const { id, email } = await createTestUser(db.pool, { email: uniqueEmail("gone") });
    const session = await rawSignIn(auth.url, email);
    await db.pool.query(`update auth.users set deleted_at = now() where id = $1`, [id]);
    expect(await getUser(session.access_token)).toMatchObject({ status: 403, body: { code: "user_not_found" } });
  });

  it("getUser() through supabase-js surfaces bad_jwt as AuthApiError", async () => {
    const { email } = await createTestUser(db.pool, { email: uniqueEmail("client") });
    const forged = forgePayload((await rawSignIn(auth.url, email)).access_token, { email: "admin@demo.test" });
    const { data, error } = await createTestClient(auth.url).auth.getUser(forged);
    expect(data.user).toBeNull();
    expect(error).toMatchObject({ name: "AuthApiError", status: 403, code: "bad_jwt" });
  });
});
