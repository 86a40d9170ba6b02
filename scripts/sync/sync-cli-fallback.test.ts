/**
 * Without DATABASE_URL the CLI would use the embedded demo database; with a real portal configured
 * that would push the demo learners into it. The refusal must come before anything starts.
 */
import { describe, expect, it } from "vitest";
import { assertSafeLocalFallback } from "@/scripts/lib/local-stack";
import { runSyncCli } from "@/test/support/cli/run-sync-cli";

describe("assertSafeLocalFallback", () => {
  it.each([
    [
      "a real DATABASE_URL",
      { DATABASE_URL: "postgres://u:p@db.example:6543/postgres", HUBSPOT_ACCESS_TOKEN: "pat-real" },
    ],
    ["the local stand-in", { HUBSPOT_BASE_URL: "http://127.0.0.1:54330", HUBSPOT_ACCESS_TOKEN: "demo-hubspot-token" }],
    ["the stand-in on localhost", { HUBSPOT_BASE_URL: "http://localhost:54330" }],
    ["nothing configured (previews only)", {}],
  ])("allows %s", (_label, env) => {
    expect(() => assertSafeLocalFallback(env)).not.toThrow();
  });

  it.each([
    ["a token for the default (real) HubSpot", { HUBSPOT_ACCESS_TOKEN: "pat-real" }],
    ["a remote base URL", { HUBSPOT_BASE_URL: "https://hubspot.invalid" }],
    ["a look-alike host", { HUBSPOT_BASE_URL: "http://127.0.0.1.example.com", HUBSPOT_ACCESS_TOKEN: "x" }],
    ["a blank DATABASE_URL", { DATABASE_URL: "  ", HUBSPOT_BASE_URL: "https://api.hubapi.com" }],
  ])("refuses %s, naming DATABASE_URL", (_label, env) => {
    expect(() => assertSafeLocalFallback(env)).toThrow(/DATABASE_URL is not set.*real portal/s);
  });
});

describe("npm run sync without DATABASE_URL", () => {
  it("refuses before starting anything when HubSpot is not the local stand-in", async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HUBSPOT_BASE_URL: "https://hubspot.invalid",
      HUBSPOT_ACCESS_TOKEN: "pat-real",
    };
    delete env.DATABASE_URL;
    const result = await runSyncCli(["--json"], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("DATABASE_URL is not set");
    expect(result.stderr).toContain("https://hubspot.invalid");
    // Refused before the database was touched: no run was started, so nothing printed a run id.
    expect(result.stdout).not.toMatch(/"runId"/);
  }, 60_000);
});
