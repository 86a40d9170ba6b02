import { createServerClient, type CookieOptions } from "@supabase/ssr";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "@/test/support/db";
import type { AuthStandIn } from "./server";
import {
  createTestUser,
  nodeWebSocketTransport,
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

/** What Next's cookies() store does for one browser: setAll writes, a cleared cookie disappears. */
function cookieJar() {
  const cookies = new Map<string, { value: string; options: CookieOptions }>();
  return {
    cookies,
    methods: {
      getAll: () => [...cookies].map(([name, { value }]) => ({ name, value })),
      setAll: (changes: { name: string; value: string; options: CookieOptions }[]) => {
        for (const { name, value, options } of changes) {
          if (value === "" || options.maxAge === 0) cookies.delete(name);
          else cookies.set(name, { value, options });
        }
      },
    },
  };
}

/** One server client per request, as in lib/supabase/server.ts; Node 20 needs the ws transport. */
function serverClient(jar: ReturnType<typeof cookieJar>, fetchImpl?: typeof fetch) {
  return createServerClient(auth.url, TEST_KEY, {
    cookies: jar.methods,
    realtime: { transport: nodeWebSocketTransport },
    global: fetchImpl ? { fetch: fetchImpl } : {},
  });
}

describe("client setup on Node < 22", () => {
  it.runIf(typeof globalThis.WebSocket === "undefined")(
    "createServerClient throws without a WebSocket transport",
    () => {
      expect(() => createServerClient(auth.url, TEST_KEY, { cookies: cookieJar().methods })).toThrow(/WebSocket/);
    },
  );
});

describe("@supabase/ssr createServerClient against the stand-in", () => {
  it("sign-in sets the sb-<ref>-auth-token cookie and a later request's client gets claims from it locally", async () => {
    const { id, email } = await createTestUser(db.pool, { email: uniqueEmail("ssr") });
    const jar = cookieJar();

    const signIn = await serverClient(jar).auth.signInWithPassword({ email, password: TEST_PASSWORD });
    expect(signIn.error).toBeNull();

    // The project ref is the first label of the URL's host: "127" for http://127.0.0.1:<port>.
    const names = [...jar.cookies.keys()];
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toMatch(/^sb-127-auth-token(\.\d+)?$/);
    const first = jar.cookies.get(names[0]!)!;
    expect(first.value.startsWith("base64-")).toBe(true);
    expect(first.options).toMatchObject({ path: "/", sameSite: "lax", httpOnly: false });

    const recorder = recordingFetch();
    const nextRequest = serverClient(jar, recorder.fetch);
    const { data, error } = await nextRequest.auth.getClaims();

    expect(error).toBeNull();
    expect(data?.claims).toMatchObject({ sub: id, email, role: "authenticated" });
    expect(recorder.paths()).toEqual(["/auth/v1/.well-known/jwks.json"]);
  });

  it("getUser() through cookies hits /user; signOut() clears the cookies and kills the session", async () => {
    const { id, email } = await createTestUser(db.pool, { email: uniqueEmail("ssr-out") });
    const jar = cookieJar();
    await serverClient(jar).auth.signInWithPassword({ email, password: TEST_PASSWORD });
    const { data: before } = await serverClient(jar).auth.getSession();
    const accessToken = before.session!.access_token;

    const user = await serverClient(jar).auth.getUser();
    expect(user.data.user?.id).toBe(id);

    expect((await serverClient(jar).auth.signOut()).error).toBeNull();
    expect(jar.cookies.size).toBe(0);
    const afterwards = await serverClient(jar).auth.getClaims();
    expect(afterwards.data).toBeNull();
    const stale = await serverClient(cookieJar()).auth.getUser(accessToken);
    expect(stale.error?.name).toBe("AuthSessionMissingError");
  });
});
