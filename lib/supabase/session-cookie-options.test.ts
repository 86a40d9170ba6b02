import { describe, expect, it } from "vitest";
import { isHttpsRequest, SESSION_COOKIE_MAX_AGE_SECONDS, sessionCookieOptions } from "./session-cookie-options";

// What @supabase/ssr 0.12 hands setAll: its defaults (readable by scripts, 400 days).
const FROM_SSR = { path: "/", sameSite: "lax", httpOnly: false, maxAge: 400 * 24 * 60 * 60 } as const;

describe("sessionCookieOptions", () => {
  it("makes the session cookies httpOnly, SameSite=Lax and 7 days long", () => {
    expect(sessionCookieOptions(FROM_SSR, { isHttps: false, nodeEnv: "production" })).toEqual({
      path: "/",
      sameSite: "lax",
      httpOnly: true,
      secure: false,
      maxAge: SESSION_COOKIE_MAX_AGE_SECONDS,
    });
    expect(SESSION_COOKIE_MAX_AGE_SECONDS).toBe(604_800);
  });

  it("marks them Secure only in production over https", () => {
    expect(sessionCookieOptions(FROM_SSR, { isHttps: true, nodeEnv: "production" }).secure).toBe(true);
    expect(sessionCookieOptions(FROM_SSR, { isHttps: true, nodeEnv: "development" }).secure).toBe(false);
  });

  it("keeps a removal a removal", () => {
    expect(sessionCookieOptions({ ...FROM_SSR, maxAge: 0 }, { isHttps: true, nodeEnv: "production" })).toMatchObject({
      maxAge: 0,
      httpOnly: true,
    });
  });
});

describe("isHttpsRequest", () => {
  it("trusts the URL scheme or the first x-forwarded-proto", () => {
    expect(isHttpsRequest({ protocol: "https:", forwardedProto: null })).toBe(true);
    expect(isHttpsRequest({ protocol: "http:", forwardedProto: "https, http" })).toBe(true);
    expect(isHttpsRequest({ protocol: "http:", forwardedProto: null })).toBe(false);
    expect(isHttpsRequest({ forwardedProto: "http" })).toBe(false);
  });
});
