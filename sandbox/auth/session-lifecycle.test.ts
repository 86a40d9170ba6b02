import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import type { AuthStandIn } from "./server";
import {
  createTestClient,
  createTestUser,
  rawCall,
  rawRefresh,
  rawSignIn,
  startTestAuthStandIn,
  TEST_PASSWORD,
  uniqueEmail,
  type RawSession,
} from "@/test/support/auth/auth-test-helpers";

let db: TestDatabase;
/** Generous reuse window: the replay tests must not depend on how fast the machine is. */
let auth: AuthStandIn;
/** No reuse window: every replay of a spent token is theft. */
let strictAuth: AuthStandIn;

beforeAll(async () => {
  db = await createTestDatabase();
  auth = await startTestAuthStandIn(db, { refreshTokenReuseIntervalSeconds: 600 });
  strictAuth = await startTestAuthStandIn(db, { refreshTokenReuseIntervalSeconds: 0 });
});

afterAll(async () => {
  await auth?.stop();
  await strictAuth?.stop();
  await db?.drop();
});

async function signedIn(prefix: string, url = auth.url): Promise<{ id: string; session: RawSession }> {
  const { id, email } = await createTestUser(db.pool, { email: uniqueEmail(prefix) });
  return { id, session: await rawSignIn(url, email) };
}

async function tokenState(token: string) {
  const { rows } = await db.pool.query(
    `select revoked, parent, session_id::text from auth.refresh_tokens where token = $1`,
    [token],
  );
  return rows[0] as { revoked: boolean; parent: string | null; session_id: string } | undefined;
}

describe("refresh token rotation", () => {
  it("refreshSession() rotates: new token whose parent is the revoked old one, same session", async () => {
    const { id, session } = await signedIn("rotate");
    const client = createTestClient(auth.url);

    const { data, error } = await client.auth.refreshSession({ refresh_token: session.refresh_token });

    expect(error).toBeNull();
    const next = data.session!;
    expect(next.refresh_token).not.toBe(session.refresh_token);
    expect(next.user.id).toBe(id);
    expect(decodeJwt(next.access_token).session_id).toBe(decodeJwt(session.access_token).session_id);
    expect(await tokenState(session.refresh_token)).toMatchObject({ revoked: true, parent: null });
    expect(await tokenState(next.refresh_token)).toMatchObject({ revoked: false, parent: session.refresh_token });
  });

  it("inside the reuse interval, replaying the spent token returns the same child (also under concurrency)", async () => {
    const { session } = await signedIn("replay");

    const [first, second] = await Promise.all([
      rawRefresh(auth.url, session.refresh_token),
      rawRefresh(auth.url, session.refresh_token),
    ]);
    const third = await rawRefresh(auth.url, session.refresh_token);

    expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
    const children = [first, second, third].map((response) => (response.body as RawSession).refresh_token);
    expect(new Set(children).size).toBe(1);
    const { rows } = await db.pool.query(`select count(*)::int as n from auth.refresh_tokens where parent = $1`, [
      session.refresh_token,
    ]);
    expect(rows[0].n).toBe(1);
  });

  it("replaying the direct parent of the live token returns that live token at any time (GoTrue: the client lost the response)", async () => {
    const { session } = await signedIn("lost-response", strictAuth.url);
    const child = ((await rawRefresh(strictAuth.url, session.refresh_token)).body as RawSession).refresh_token;

    const client = createTestClient(strictAuth.url);
    const replay = await client.auth.refreshSession({ refresh_token: session.refresh_token });

    expect(replay.error).toBeNull();
    expect(replay.data.session?.refresh_token).toBe(child);
    expect(await tokenState(child)).toMatchObject({ revoked: false });
    const { rows } = await db.pool.query(`select count(*)::int as n from auth.refresh_tokens where parent = $1`, [
      session.refresh_token,
    ]);
    expect(rows[0].n).toBe(1);
  });

  it("outside the reuse interval, replaying an older ancestor is refresh_token_already_used and revokes the session's tokens", async () => {
    const { session } = await signedIn("theft", strictAuth.url);
    const child = ((await rawRefresh(strictAuth.url, session.refresh_token)).body as RawSession).refresh_token;
    const grandchild = ((await rawRefresh(strictAuth.url, child)).body as RawSession).refresh_token;

    const client = createTestClient(strictAuth.url);
    const replay = await client.auth.refreshSession({ refresh_token: session.refresh_token });

    expect(replay.data.session).toBeNull();
    expect(replay.error).toMatchObject({ name: "AuthApiError", status: 400, code: "refresh_token_already_used" });
    expect(await tokenState(grandchild)).toMatchObject({ revoked: true });
    // The live token's own parent no longer gets it back either: nothing in the session is live.
    expect(await rawRefresh(strictAuth.url, child)).toMatchObject({
      status: 400,
      body: { code: "refresh_token_already_used" },
    });
    expect(await rawRefresh(strictAuth.url, grandchild)).toMatchObject({
      status: 400,
      body: { code: "refresh_token_already_used" },
    });
  });

  it("inside the reuse interval, an older ancestor gets a new child and the session lives on (GoTrue's swap)", async () => {
    const { session } = await signedIn("late-tab");
    const child = ((await rawRefresh(auth.url, session.refresh_token)).body as RawSession).refresh_token;
    const grandchild = ((await rawRefresh(auth.url, child)).body as RawSession).refresh_token;

    const replay = await rawRefresh(auth.url, session.refresh_token);

    expect(replay.status).toBe(200);
    const issued = (replay.body as RawSession).refresh_token;
    expect([session.refresh_token, child, grandchild]).not.toContain(issued);
    expect(await tokenState(issued)).toMatchObject({ revoked: false, parent: session.refresh_token });
    expect(await tokenState(grandchild)).toMatchObject({ revoked: false });
  });

  it("an unknown refresh token is refresh_token_not_found", async () => {
    const client = createTestClient(auth.url);
    const { error } = await client.auth.refreshSession({ refresh_token: "no-such-token-anywhere" });
    expect(error).toMatchObject({ status: 400, code: "refresh_token_not_found" });
    expect(await rawRefresh(auth.url, "")).toMatchObject({ status: 400, body: { code: "validation_failed" } });
  });

  it("a user banned after sign-in cannot refresh", async () => {
    const { id, session } = await signedIn("banned-later");
    await db.pool.query(`update auth.users set banned_until = now() + interval '1 hour' where id = $1`, [id]);
    expect(await rawRefresh(auth.url, session.refresh_token)).toMatchObject({
      status: 400,
      body: { code: "user_banned" },
    });
  });
});

describe("sign out", () => {
  it("signOut() ends the session: /user answers 403 session_not_found and the refresh token is gone", async () => {
    const { email } = await createTestUser(db.pool, { email: uniqueEmail("bye") });
    const client = createTestClient(auth.url);
    const { data } = await client.auth.signInWithPassword({ email, password: TEST_PASSWORD });
    const { access_token: accessToken, refresh_token: refreshToken } = data.session!;

    expect((await client.auth.signOut()).error).toBeNull();

    const user = await rawCall(auth.url, "GET", "/auth/v1/user", {
      headers: { Authorization: `Bearer ${accessToken}` },
    });
    expect(user).toMatchObject({ status: 403, body: { code: "session_not_found" } });
    // auth-js maps session_not_found to AuthSessionMissingError (its own status 400).
    const viaClient = await createTestClient(auth.url).auth.getUser(accessToken);
    expect(viaClient.error?.name).toBe("AuthSessionMissingError");
    expect(await rawRefresh(auth.url, refreshToken)).toMatchObject({
      status: 400,
      body: { code: "refresh_token_not_found" },
    });
  });

  it("scope=local ends one session, scope=others every other one, global all of them", async () => {
    const { email } = await createTestUser(db.pool, { email: uniqueEmail("devices") });
    const [a, b, c] = [
      await rawSignIn(auth.url, email),
      await rawSignIn(auth.url, email),
      await rawSignIn(auth.url, email),
    ];
    const userStatus = async (session: RawSession) =>
      (
        await rawCall(auth.url, "GET", "/auth/v1/user", {
          headers: { Authorization: `Bearer ${session.access_token}` },
        })
      ).status;
    const logout = (session: RawSession, scope: string) =>
      rawCall(auth.url, "POST", `/auth/v1/logout?scope=${scope}`, {
        headers: { Authorization: `Bearer ${session.access_token}` },
      });

    expect((await logout(a!, "local")).status).toBe(204);
    expect([await userStatus(a!), await userStatus(b!), await userStatus(c!)]).toEqual([403, 200, 200]);
    expect((await logout(b!, "others")).status).toBe(204);
    expect([await userStatus(b!), await userStatus(c!)]).toEqual([200, 403]);
    const d = await rawSignIn(auth.url, email);
    expect((await logout(d, "global")).status).toBe(204);
    expect([await userStatus(b!), await userStatus(d)]).toEqual([403, 403]);
    expect(await logout(b!, "everything")).toMatchObject({ status: 403 });
  });

  it("rejects an unknown scope", async () => {
    const { session } = await signedIn("scope");
    const response = await rawCall(auth.url, "POST", "/auth/v1/logout?scope=everything", {
      headers: { Authorization: `Bearer ${session.access_token}` },
    });
    expect(response).toMatchObject({ status: 400, body: { code: "validation_failed" } });
  });
});
