/**
 * What the login form says when signInWithPassword fails. Framework-free for unit tests.
 * Wrong email and wrong password get the same message on purpose: telling them apart would let
 * anyone probe which staff emails exist.
 */
import { isAuthApiError, isAuthRetryableFetchError, type AuthError } from "@supabase/supabase-js";

export const INVALID_CREDENTIALS = "Invalid email or password.";
export const AUTH_UNREACHABLE = "Could not reach the authentication service. Try again in a moment.";

export function describeSignInError(error: AuthError): string {
  // Network failures and 502/503/504 from the auth server.
  if (isAuthRetryableFetchError(error)) return AUTH_UNREACHABLE;
  if (isAuthApiError(error)) {
    if (error.code === "email_not_confirmed") return "This email address has not been confirmed yet.";
    if (error.status === 429) return "Too many sign-in attempts. Wait a minute, then try again.";
    // GoTrue answers a bad email/password pair with 400 (code invalid_credentials on newer versions).
    if (error.code === "invalid_credentials" || error.code === "user_not_found" || error.status === 400) return INVALID_CREDENTIALS;
  }
  return "Sign-in failed because of an error in the authentication service. Try again later.";
}
