import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "@/test/support/db";
import type { AuthStandIn } from "./server";
import {
  createTestClient,
  createTestUser,
  rawCall,
  startTestAuthStack,
  stopTestAuthStack,
  TEST_KEY,
  TEST_PASSWORD,
  uniqueEmail,
} from "@/test/support/auth/auth-test-helpers";

const SERVICE_KEY = "sb_secret_test_service_key_0123456789";

let db: TestDatabase;
let auth: AuthStandIn;

beforeAll(async () => {
  ({ db, auth } = await startTestAuthStack({ serviceKey: SERVICE_KEY }));
});
afterAll(() => stopTestAuthStack({ db, auth }));

describe("API key gate", () => {
  it("refuses a request without any key, and one with an unknown key, with the gateway's 401 bodies", async () => {
    const noKey = await fetch(`${auth.url}/auth/v1/settings`);
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toEqual({ message: "No API key found in request", hint: expect.any(String) });

    const wrongKey = await rawCall(auth.url, "GET", "/auth/v1/settings", {
      headers: { apikey: "sb_publishable_other" },
    });
    expect(wrongKey).toMatchObject({ status: 401, body: { message: "Invalid API key" } });

    const { error } = await createTestClient(auth.url, { key: "sb_publishable_other" }).auth.signInWithPassword({
      email: uniqueEmail("any"),
      password: TEST_PASSWORD,
    });
    expect(error).toMatchObject({ name: "AuthApiError", status: 401, message: "Invalid API key" });
  });

  it("accepts the key as header, query parameter or bare bearer", async () => {
    expect((await rawCall(auth.url, "GET", "/auth/v1/settings")).status).toBe(200);
    expect((await fetch(`${auth.url}/auth/v1/settings?apikey=${TEST_KEY}`)).status).toBe(200);
    expect(
      (await fetch(`${auth.url}/auth/v1/settings`, { headers: { Authorization: `Bearer ${TEST_KEY}` } })).status,
    ).toBe(200);
  });

  it("serves JWKS and health without a key", async () => {
    const jwks = await fetch(`${auth.url}/auth/v1/.well-known/jwks.json`);
    expect(jwks.status).toBe(200);
    expect(jwks.headers.get("cache-control")).toBe("public, max-age=600");
    const { keys } = (await jwks.json()) as { keys: Record<string, unknown>[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({
      kty: "EC",
      crv: "P-256",
      alg: "ES256",
      use: "sig",
      key_ops: ["verify"],
      kid: expect.any(String),
    });
    expect(keys[0]).not.toHaveProperty("d");

    const health = await fetch(`${auth.url}/auth/v1/health`);
    expect(await health.json()).toMatchObject({ name: "GoTrue" });
  });

  it("describes the instance in /settings: email only, no sign-ups (and /signup says so)", async () => {
    const settings = await rawCall(auth.url, "GET", "/auth/v1/settings");
    expect(settings.body).toMatchObject({ external: { email: true, phone: false }, disable_signup: true });
    const { error } = await createTestClient(auth.url).auth.signUp({
      email: uniqueEmail("new"),
      password: TEST_PASSWORD,
    });
    expect(error).toMatchObject({ status: 422, code: "signup_disabled" });
  });

  it("answers unknown routes and methods", async () => {
    expect(await rawCall(auth.url, "GET", "/auth/v1/nope")).toMatchObject({ status: 404 });
    expect(await rawCall(auth.url, "DELETE", "/auth/v1/user")).toMatchObject({ status: 405 });
    expect(await rawCall(auth.url, "GET", "/rest/v1/anything")).toMatchObject({ status: 404 });
  });
});

describe("CORS for the browser client", () => {
  it("answers a preflight without a key, echoing the origin and allowing the Supabase headers", async () => {
    const response = await fetch(`${auth.url}/auth/v1/token?grant_type=password`, {
      method: "OPTIONS",
      headers: {
        Origin: "http://localhost:3000",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "apikey, authorization, content-type, x-client-info, x-supabase-api-version",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    expect(response.headers.get("access-control-allow-credentials")).toBe("true");
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
    const allowed = response.headers
      .get("access-control-allow-headers")!
      .split(",")
      .map((header) => header.trim());
    expect(allowed).toEqual(
      expect.arrayContaining(["authorization", "apikey", "content-type", "x-client-info", "x-supabase-api-version"]),
    );
  });

  it("exposes the API version header on actual responses so browser clients can read error codes", async () => {
    const response = await rawCall(auth.url, "POST", "/auth/v1/token?grant_type=password", {
      headers: { Origin: "http://localhost:3000" },
      body: { email: uniqueEmail("cors"), password: "x" },
    });
    expect(response.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    expect(response.headers.get("access-control-expose-headers")).toContain("X-Supabase-Api-Version");
  });
});

describe("admin API (service key)", () => {
  it("auth.admin.createUser() creates a user who can then sign in", async () => {
    const admin = createTestClient(auth.url, { key: SERVICE_KEY });
    const email = uniqueEmail("created").toLowerCase();
    const { data, error } = await admin.auth.admin.createUser({
      email,
      password: TEST_PASSWORD,
      email_confirm: true,
      app_metadata: { seeded: true },
    });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ email, app_metadata: { provider: "email", seeded: true } });

    const signIn = await createTestClient(auth.url).auth.signInWithPassword({ email, password: TEST_PASSWORD });
    expect(signIn.error).toBeNull();
    expect(signIn.data.user?.id).toBe(data.user?.id);

    const again = await admin.auth.admin.createUser({ email, password: TEST_PASSWORD });
    expect(again.error).toMatchObject({ status: 422, code: "email_exists" });
  });

  it("creates unconfirmed users unless email_confirm is set", async () => {
    const admin = createTestClient(auth.url, { key: SERVICE_KEY });
    const email = uniqueEmail("pending").toLowerCase();
    await admin.auth.admin.createUser({ email, password: TEST_PASSWORD });
    const signIn = await createTestClient(auth.url).auth.signInWithPassword({ email, password: TEST_PASSWORD });
    expect(signIn.error).toMatchObject({ code: "email_not_confirmed" });
  });

  it("refuses the publishable key and user tokens", async () => {
    const { email } = await createTestUser(db.pool, { email: uniqueEmail("user") });
    const publicClient = createTestClient(auth.url);
    const { error } = await publicClient.auth.admin.createUser({ email: uniqueEmail("x"), password: TEST_PASSWORD });
    expect(error).toMatchObject({ status: 403, code: "not_admin" });

    const { data } = await publicClient.auth.signInWithPassword({ email, password: TEST_PASSWORD });
    const asUser = await rawCall(auth.url, "POST", "/auth/v1/admin/users", {
      headers: { Authorization: `Bearer ${data.session!.access_token}` },
      body: { email: uniqueEmail("y"), password: TEST_PASSWORD },
    });
    expect(asUser).toMatchObject({ status: 403, body: { code: "not_admin" } });
  });
});
