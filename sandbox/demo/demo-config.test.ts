import { describe, expect, it } from "vitest";
import { formatDemoBanner } from "./format-demo-banner";
import { appEnvironment, readDemoConfig } from "./read-demo-config";

describe("readDemoConfig / appEnvironment", () => {
  it("runs everything locally on a bare environment, with the demo defaults", () => {
    const config = readDemoConfig({});
    expect(config).toMatchObject({
      appPort: 3000,
      appMode: "dev",
      password: "demo1234",
      databaseUrl: undefined,
      auth: { kind: "stand-in", url: "http://127.0.0.1:54321", publishableKey: "sb_publishable_demo_local" },
      hubspot: { kind: "stand-in", url: "http://127.0.0.1:54330", token: "demo-hubspot-token" },
    });
    const env = appEnvironment(config, "postgres://db", { PATH: "/bin" });
    expect(env).toEqual({
      PATH: "/bin",
      DATABASE_URL: "postgres://db",
      NEXT_PUBLIC_SUPABASE_URL: "http://127.0.0.1:54321",
      NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: "sb_publishable_demo_local",
      HUBSPOT_BASE_URL: "http://127.0.0.1:54330",
      HUBSPOT_ACCESS_TOKEN: "demo-hubspot-token",
      HUBSPOT_RATE_LIMIT_PER_10S: "190",
      CRON_SECRET: "demo-cron-secret",
      SOURCE_SCHEMA: "public",
      NEXT_TELEMETRY_DISABLED: "1",
      WORKFLOW_TARGET_WORLD: "local",
      WORKFLOW_LOCAL_DATA_DIR: ".data/workflow-data",
      WORKFLOW_LOCAL_BASE_URL: "http://127.0.0.1:3000",
    });
  });

  it("never hands a real HubSpot token to the stand-in: the stand-in runs exactly when HUBSPOT_BASE_URL is unset", () => {
    const standIn = readDemoConfig({ HUBSPOT_ACCESS_TOKEN: "pat-na1-real" });
    expect(standIn.hubspot).toMatchObject({ kind: "stand-in", token: "demo-hubspot-token" });
    expect(appEnvironment(standIn, "x", { HUBSPOT_ACCESS_TOKEN: "pat-na1-real" }).HUBSPOT_ACCESS_TOKEN).toBe(
      "demo-hubspot-token",
    );

    const real = readDemoConfig({ HUBSPOT_BASE_URL: "https://api.hubapi.com", HUBSPOT_ACCESS_TOKEN: "pat-na1-real" });
    expect(real.hubspot).toEqual({ kind: "external", url: "https://api.hubapi.com", token: "pat-na1-real" });
    const noToken = appEnvironment(readDemoConfig({ HUBSPOT_BASE_URL: "https://api.hubapi.com" }), "x", {
      HUBSPOT_ACCESS_TOKEN: "",
    });
    expect("HUBSPOT_ACCESS_TOKEN" in noToken).toBe(false);
  });

  it("uses an external Supabase only with both URL and key, and validates the knobs", () => {
    expect(() => readDemoConfig({ NEXT_PUBLIC_SUPABASE_URL: "https://x.supabase.co" })).toThrow(
      /NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY/,
    );
    const external = readDemoConfig({
      NEXT_PUBLIC_SUPABASE_URL: "https://x.supabase.co",
      NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: "sb_publishable_x",
    });
    expect(external.auth).toEqual({
      kind: "external",
      url: "https://x.supabase.co",
      publishableKey: "sb_publishable_x",
    });
    expect(
      readDemoConfig({ DEMO_PORT: "4000", DEMO_APP_MODE: "start", DEMO_PASSWORD: "pw-123456", DATABASE_URL: " " }),
    ).toMatchObject({
      appPort: 4000,
      appMode: "start",
      password: "pw-123456",
      databaseUrl: undefined,
    });
    expect(() => readDemoConfig({ DEMO_APP_MODE: "prod" })).toThrow(/DEMO_APP_MODE/);
    expect(() => readDemoConfig({ DEMO_PORT: "70000" })).toThrow(/DEMO_PORT/);
  });

  it("prints every login in a closed box", () => {
    const banner = formatDemoBanner({
      appUrl: "http://localhost:3000",
      logins: { password: "demo1234", doesPasswordMatch: true },
      services: [{ name: "Auth", url: "http://127.0.0.1:54321", note: "stand-in" }],
    });
    const lines = banner.split("\n");
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
    for (const email of ["admin@demo.test", "operator@demo.test", "viewer@demo.test", "learner@demo.test"])
      expect(banner).toContain(email);
    expect(banner).toContain("Log in with password demo1234:");
    expect(formatDemoBanner({ appUrl: "u", logins: null, services: [] })).not.toContain("admin@demo.test");
    expect(
      formatDemoBanner({ appUrl: "u", logins: { password: "x", doesPasswordMatch: false }, services: [] }),
    ).toContain("not DEMO_PASSWORD=x");
  });
});
