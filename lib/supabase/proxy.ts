import { createServerClient } from "@supabase/ssr";
import { isAuthRetryableFetchError } from "@supabase/supabase-js";
import { NextResponse, type NextRequest } from "next/server";
import { publicEnv } from "@/lib/config/env";
import { isApiPath, isPublicPath, loginPathFor } from "@/lib/auth/paths";
import { nodeRealtimeOptions } from "./node-realtime";

/**
 * Refreshes the Supabase session on every matched request and turns anonymous visitors away
 * (pages → /login?next=…, API → 401). Only the first gate: pages, actions and routes check the
 * staff role themselves.
 */
export async function updateSession(request: NextRequest) {
  let response = NextResponse.next({ request });
  const env = publicEnv();

  // A new client per request: it is bound to this request's cookies.
  const supabase = createServerClient(env.NEXT_PUBLIC_SUPABASE_URL, env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY, {
    cookies: {
      getAll() {
        return request.cookies.getAll();
      },
      setAll(cookiesToSet, headers) {
        cookiesToSet.forEach(({ name, value }) => request.cookies.set(name, value));
        response = NextResponse.next({ request });
        cookiesToSet.forEach(({ name, value, options }) => response.cookies.set(name, value, options));
        // Cache-Control/Expires/Pragma: a response carrying a fresh session token must never be
        // cached by a CDN and served to someone else.
        Object.entries(headers).forEach(([key, value]) => response.headers.set(key, value));
      },
    },
    realtime: nodeRealtimeOptions,
  });

  // Nothing may run between creating the client and getClaims(): it refreshes an expired session,
  // and skipping it logs users out at random.
  const { data, error } = await supabase.auth.getClaims();

  const { pathname, search } = request.nextUrl;
  // An unreachable auth service is not "signed out": let the page report it instead of bouncing
  // a signed-in user to /login.
  const isAnonymous = !data?.claims && !(error && isAuthRetryableFetchError(error));
  if (!isAnonymous || isPublicPath(pathname)) return response;

  const denial = isApiPath(pathname)
    ? NextResponse.json({ error: "unauthorized" }, { status: 401 })
    : NextResponse.redirect(new URL(loginPathFor(`${pathname}${search}`), request.url), isSafeMethod(request.method) ? 307 : 303);
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
