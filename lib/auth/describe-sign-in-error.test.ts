import { AuthApiError, AuthRetryableFetchError, AuthUnknownError } from "@supabase/supabase-js";
import { describe, expect, it } from "vitest";
import {
  AUTH_RATE_LIMITED,
  AUTH_UNREACHABLE,
  describeSignInError,
  INVALID_CREDENTIALS,
  isCredentialsError,
} from "./describe-sign-in-error";

describe("describeSignInError", () => {
  it("gives one message for a wrong email and a wrong password", () => {
    expect(describeSignInError(new AuthApiError("Invalid login credentials", 400, "invalid_credentials"))).toBe(
      INVALID_CREDENTIALS,
    );
    expect(describeSignInError(new AuthApiError("Invalid login credentials", 400, undefined))).toBe(
      INVALID_CREDENTIALS,
    );
  });

  it("says when the auth service cannot be reached", () => {
    expect(describeSignInError(new AuthRetryableFetchError("fetch failed", 0))).toBe(AUTH_UNREACHABLE);
    expect(describeSignInError(new AuthRetryableFetchError("Bad gateway", 502))).toBe(AUTH_UNREACHABLE);
  });

  it("explains rate limiting and unconfirmed emails", () => {
    expect(describeSignInError(new AuthApiError("Request rate limit reached", 429, "over_request_rate_limit"))).toBe(
      AUTH_RATE_LIMITED,
    );
    expect(AUTH_RATE_LIMITED).toMatch(/authentication service .* too many .* Wait a few minutes/);
    expect(describeSignInError(new AuthApiError("Email not confirmed", 400, "email_not_confirmed"))).toMatch(
      /not been confirmed/,
    );
  });

  it("does not call a server failure a wrong password", () => {
    const message = describeSignInError(new AuthUnknownError("boom", null));
    expect(message).not.toBe(INVALID_CREDENTIALS);
    expect(message).not.toBe(AUTH_UNREACHABLE);
  });

  it("counts only wrong credentials against an account, not rate limits, outages or unconfirmed emails", () => {
    expect(isCredentialsError(new AuthApiError("Invalid login credentials", 400, "invalid_credentials"))).toBe(true);
    expect(isCredentialsError(new AuthApiError("Invalid login credentials", 400, undefined))).toBe(true);
    expect(isCredentialsError(new AuthApiError("Request rate limit reached", 429, "over_request_rate_limit"))).toBe(
      false,
    );
    expect(isCredentialsError(new AuthApiError("Email not confirmed", 400, "email_not_confirmed"))).toBe(false);
    expect(isCredentialsError(new AuthRetryableFetchError("fetch failed", 0))).toBe(false);
  });
});
