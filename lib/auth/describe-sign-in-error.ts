/**
 * What the login form says when signInWithPassword fails. Framework-free for unit tests.
 * Wrong email and wrong password get the same message on purpose: telling them apart would let
 * anyone probe which staff emails exist.
 */
import { isAuthApiError, isAuthRetryableFetchError, type AuthError } from "@supabase/supabase-js";

export const INVALID_CREDENTIALS = "Invalid email or password.";
export const AUTH_UNREACHABLE = "Could not reach the authentication service. Try again in a moment.";
/**
 * GoTrue's own per-IP limit on /token (150 requests per 5 minutes by default). The server signs
 * everyone in, so the limit is shared by all users of this app, not just the one who sees it.
 */
export const AUTH_RATE_LIMITED =
  "The authentication service is receiving too many sign-in requests right now. Wait a few minutes, then try again.";

/** Wrong email or password (the only failure the sign-in throttle counts against an account). */
export function isCredentialsError(error: AuthError): boolean {
  return (
    isAuthApiError(error) &&
    (error.code === "invalid_credentials" ||
      error.code === "user_not_found" ||
      (error.status === 400 && error.code === undefined))
  );
}

export function describeSignInError(error: AuthError): string {
  // Network failures and 502/503/504 from the auth server.
  if (isAuthRetryableFetchError(error)) return AUTH_UNREACHABLE;
  if (isAuthApiError(error)) {
    if (error.code === "email_not_confirmed") return "This email address has not been confirmed yet.";
    if (error.status === 429) return AUTH_RATE_LIMITED;
    // GoTrue answers a bad email/password pair with 400 (code invalid_credentials on newer versions).
    if (isCredentialsError(error) || error.status === 400) return INVALID_CREDENTIALS;
  }
  return "Sign-in failed because of an error in the authentication service. Try again later.";
}
