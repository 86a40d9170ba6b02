import { createServerClient, type CookieOptions } from "@supabase/ssr";
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startAuthStandIn, type AuthStandIn } from "@/sandbox/auth/server";
import {
  createTestUser,
  nodeWebSocketTransport,
  rawCall,
  TEST_KEY,
  TEST_PASSWORD,
  uniqueEmail,
} from "@/test/support/auth/auth-test-helpers";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { getFreePort } from "@/test/support/ports";
import { proxy } from "./proxy";

let db: TestDatabase;
/** Access tokens valid for an hour: page views must not refresh them. */
let auth: AuthStandIn;
/** Access tokens expiring within auth-js's 90 s margin: the first page view must refresh. */
let expiringAuth: AuthStandIn;

beforeAll(async () => {
  db = await createTestDatabase();
  auth = await startAuthStandIn({ databaseUrl: db.url, port: await getFreePort(), publishableKey: TEST_KEY });
  expiringAuth = await startAuthStandIn({
    databaseUrl: db.url,
    port: await getFreePort(),
    publishableKey: TEST_KEY,
    accessTokenTtlSeconds: 60,
  });
});
afterAll(async () => {
  await auth?.stop();
  await expiringAuth?.stop();
  await db?.drop();
});
afterEach(() => vi.unstubAllEnvs());

/** Signs in through @supabase/ssr and returns the Cookie header a browser would then send. */
async function signedInCookieHeader(standIn: AuthStandIn): Promise<string> {
  const { email } = await createTestUser(db.pool, { email: uniqueEmail("proxy") });
  const jar = new Map<string, string>();
  const client = createServerClient(standIn.url, TEST_KEY, {
    cookies: {
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (changes: { name: string; value: string; options: CookieOptions }[]) =>
        changes.forEach(({ name, value }) => jar.set(name, value)),
    },
    realtime: { transport: nodeWebSocketTransport },
  });
  const { error } = await client.auth.signInWithPassword({ email, password: TEST_PASSWORD });
  if (error) throw error;
  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}

function useStandIn(standIn: AuthStandIn): void {
  vi.stubEnv("NEXT_PUBLIC_SUPABASE_URL", standIn.url);
  vi.stubEnv("NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY", TEST_KEY);
}

const tokenRequests = async (standIn: AuthStandIn) =>
  ((await rawCall(standIn.url, "GET", "/__control/stats")).body as { tokenRequests: { refresh_token: number } })
    .tokenRequests.refresh_token;

describe("proxy", () => {
  it("serves page views with a valid session without any /token call, each with its own CSP nonce passed on to the page", async () => {
    useStandIn(auth);
    const cookie = await signedInCookieHeader(auth);
    const nonces = new Set<string>();
    for (let view = 0; view < 5; view += 1) {
      const response = await proxy(new NextRequest("http://127.0.0.1:3000/sync", { headers: { cookie } }));
      expect(response.headers.get("x-middleware-next")).toBe("1");
      const policy = response.headers.get("content-security-policy") ?? "";
      const nonce = /'nonce-([^']+)' 'strict-dynamic'/.exec(policy)?.[1];
      expect(nonce).toBeDefined();
      nonces.add(nonce!);
      expect(policy).not.toContain("unsafe-inline' 'strict");
      // What Next hands the page: the same policy on the request, where it finds the nonce.
      expect(response.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
      expect(response.headers.getSetCookie()).toEqual([]);
    }
    expect(nonces.size).toBe(5);
    expect(await tokenRequests(auth)).toBe(0);
  });

  it("refreshes an expired session once and writes httpOnly, SameSite=Lax, 7-day cookies (Secure only for https in production)", async () => {
    useStandIn(expiringAuth);
    const cookie = await signedInCookieHeader(expiringAuth);

    const response = await proxy(new NextRequest("http://127.0.0.1:3000/", { headers: { cookie } }));

    expect(await tokenRequests(expiringAuth)).toBe(1);
    const written = response.headers.getSetCookie();
    expect(written.length).toBeGreaterThan(0);
    for (const line of written) {
      expect(line).toMatch(/; HttpOnly/i);
      expect(line).toMatch(/; SameSite=lax/i);
      expect(line).toMatch(/; Max-Age=604800/);
      expect(line).not.toMatch(/; Secure/i);
    }
    // The refreshed session also reaches the page rendered for this very request.
    expect(response.headers.get("x-middleware-request-cookie")).not.toBe(cookie);

    vi.stubEnv("NODE_ENV", "production");
    const overHttps = await proxy(
      new NextRequest("https://crm.example.test/", { headers: { cookie: await signedInCookieHeader(expiringAuth) } }),
    );
    const secureLines = overHttps.headers.getSetCookie();
    expect(secureLines.length).toBeGreaterThan(0);
    for (const line of secureLines) expect(line).toMatch(/; Secure/i);
  });

  it("turns an anonymous page view away to /login, with the CSP on the redirect too", async () => {
    useStandIn(auth);
    const response = await proxy(new NextRequest("http://127.0.0.1:3000/settings"));
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toContain("/login?next=%2Fsettings");
    expect(response.headers.get("content-security-policy")).toContain("'strict-dynamic'");
  });
});
