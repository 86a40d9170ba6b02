import { describe, expect, it } from "vitest";
import { buildContentSecurityPolicy, createNonce } from "./content-security-policy";

const directive = (policy: string, name: string) => policy.split("; ").find((part) => part.startsWith(`${name} `));

describe("buildContentSecurityPolicy", () => {
  it("allows scripts by nonce only in production: no inline, no eval", () => {
    const policy = buildContentSecurityPolicy({
      nonce: "abc123",
      isDevelopment: false,
      supabaseUrl: "https://proj.supabase.co",
    });
    expect(directive(policy, "script-src")).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy).not.toContain("unsafe-eval");
    expect(directive(policy, "connect-src")).toBe("connect-src 'self' https://proj.supabase.co wss://proj.supabase.co");
    for (const expected of [
      "default-src 'self'",
      "frame-ancestors 'none'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
    ]) {
      expect(policy).toContain(expected);
    }
  });

  it("adds eval and dev websockets in development, and ignores a malformed Supabase URL", () => {
    const policy = buildContentSecurityPolicy({ nonce: "n", isDevelopment: true, supabaseUrl: "not a url" });
    expect(directive(policy, "script-src")).toContain("'unsafe-eval'");
    expect(directive(policy, "connect-src")).toBe("connect-src 'self' ws:");
  });
});

describe("createNonce", () => {
  it("is base64 of 16 random bytes, different every call", () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});
