import "server-only";
import { createServerClient } from "@supabase/ssr";
import { cookies, headers } from "next/headers";
import { publicEnv } from "@/lib/config/env";
import { nodeRealtimeOptions } from "./node-realtime";
import { isHttpsRequest, sessionCookieOptions } from "./session-cookie-options";

/**
 * A Supabase client for Server Components, Server Actions and Route Handlers. Create a new one
 * for every request: it holds the caller's session cookies.
 */
export async function createClient() {
  const cookieStore = await cookies();
  const isHttps = isHttpsRequest({ forwardedProto: (await headers()).get("x-forwarded-proto") });
  const env = publicEnv();
  return createServerClient(env.NEXT_PUBLIC_SUPABASE_URL, env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY, {
    cookies: {
      getAll() {
        return cookieStore.getAll();
      },
      setAll(cookiesToSet) {
        try {
          cookiesToSet.forEach(({ name, value, options }) =>
            cookieStore.set(name, value, sessionCookieOptions(options, { isHttps })),
          );
        } catch {
          // Server Components may not set cookies. Safe to skip: the proxy runs first on every
          // request, refreshes a session about to expire and writes the cookies there; actions and
          // route handlers can set them.
        }
      },
    },
    realtime: nodeRealtimeOptions,
  });
}
