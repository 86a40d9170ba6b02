/**
 * How the Supabase session cookies are stored. @supabase/ssr defaults to httpOnly: false (so a
 * browser client could read them) and a 400-day maxAge, and it overrides any maxAge we pass in
 * `cookieOptions`; so the policy is applied where the cookies are written (setAll).
 * - httpOnly: only the server reads the session (sign-in is a server action, the proxy refreshes);
 *   no browser Supabase client exists, so no script ever needs the tokens.
 * - sameSite lax: sent on top-level navigations from elsewhere, never on cross-site subrequests.
 * - secure: in production over https (an http://localhost production build must still sign in).
 * - maxAge 7 days: after a week without a visit the user signs in again. Supabase's own session
 *   lifetime (time-box / inactivity settings) can only shorten this.
 */
import type { CookieOptions } from "@supabase/ssr";

export const SESSION_COOKIE_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

/** https as the client sees it: the URL's scheme, or the TLS-terminating proxy's x-forwarded-proto. */
export function isHttpsRequest(input: { protocol?: string; forwardedProto: string | null }): boolean {
  return input.protocol === "https:" || input.forwardedProto?.split(",")[0]?.trim() === "https";
}

export function sessionCookieOptions(
  options: CookieOptions,
  context: { isHttps: boolean; nodeEnv?: string },
): CookieOptions {
  const isRemoval = options.maxAge === 0;
  return {
    ...options,
    httpOnly: true,
    sameSite: "lax",
    secure: context.isHttps && (context.nodeEnv ?? process.env.NODE_ENV) === "production",
    maxAge: isRemoval ? 0 : SESSION_COOKIE_MAX_AGE_SECONDS,
  };
}
