import { createServerClient } from "@supabase/ssr";
import { isAuthRetryableFetchError } from "@supabase/supabase-js";
import { NextResponse, type NextRequest } from "next/server";
import { publicEnv } from "@/lib/config/env";
import { isApiPath, isPublicPath, loginPathFor } from "@/lib/auth/paths";
import { nodeRealtimeOptions } from "./node-realtime";
import { isHttpsRequest, sessionCookieOptions } from "./session-cookie-options";

/**
 * Checks the Supabase session on every matched request and turns anonymous visitors away
 * (pages → /login?next=…, API → 401). Only the first gate: pages, actions and routes check the
 * staff role themselves. `requestHeaders` (e.g. the CSP carrying the nonce) are passed on to the
 * page along with any refreshed session cookies.
 */
export async function updateSession(request: NextRequest, requestHeaders: Record<string, string> = {}) {
  // request.cookies.set() rewrites request.headers' cookie line, so rebuilding picks refreshed cookies up.
  const forward = () => {
    const headers = new Headers(request.headers);
    for (const [name, value] of Object.entries(requestHeaders)) headers.set(name, value);
    return NextResponse.next({ request: { headers } });
  };
  let response = forward();
  const env = publicEnv();
  const isHttps = isHttpsRequest({
    protocol: request.nextUrl.protocol,
    forwardedProto: request.headers.get("x-forwarded-proto"),
  });

  // A new client per request: it is bound to this request's cookies.
  const supabase = createServerClient(env.NEXT_PUBLIC_SUPABASE_URL, env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY, {
    cookies: {
      getAll() {
        return request.cookies.getAll();
      },
      setAll(cookiesToSet, headers) {
        cookiesToSet.forEach(({ name, value }) => request.cookies.set(name, value));
        response = forward();
        cookiesToSet.forEach(({ name, value, options }) =>
          response.cookies.set(name, value, sessionCookieOptions(options, { isHttps })),
        );
        // Cache-Control/Expires/Pragma: a response carrying a fresh session token must never be
        // cached by a CDN and served to someone else.
        Object.entries(headers).forEach(([key, value]) => response.headers.set(key, value));
      },
    },
    realtime: nodeRealtimeOptions,
  });

  // Nothing may run between creating the client and getClaims(): it refreshes an expired session,
  // and skipping it logs users out at random. It calls /token only when the access token expires
  // within 90 s (auth-js's margin); otherwise it verifies the JWT locally against the cached JWKS.
  // So page views cost no /token request, and cannot use up GoTrue's per-IP /token rate limit
  // (150 per 5 minutes), which every user shares here: the server, not the browser, calls Supabase.
  const { data, error } = await supabase.auth.getClaims();

  const { pathname, search } = request.nextUrl;
  // An unreachable auth service is not "signed out": let the page report it instead of bouncing
  // a signed-in user to /login.
  const isAnonymous = !data?.claims && !(error && isAuthRetryableFetchError(error));
  if (!isAnonymous || isPublicPath(pathname)) return response;

  const denial = isApiPath(pathname)
    ? NextResponse.json({ error: "unauthorized" }, { status: 401 })
    : NextResponse.redirect(
        new URL(loginPathFor(`${pathname}${search}`), request.url),
        isSafeMethod(request.method) ? 307 : 303,
      );
  // Keep what setAll decided (e.g. clearing a dead session) on the denial too.
  response.cookies.getAll().forEach((cookie) => denial.cookies.set(cookie));
  for (const name of ["cache-control", "expires", "pragma"]) {
    const value = response.headers.get(name);
    if (value !== null) denial.headers.set(name, value);
  }
  return denial;
}

/** After a POST (e.g. a server action with an expired session) the browser must GET /login, hence 303. */
function isSafeMethod(method: string): boolean {
  return method === "GET" || method === "HEAD";
}
