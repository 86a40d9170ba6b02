/**
 * The demo runs `next dev`, which blocks its own scripts for origins it does not know. These tests
 * feed the config's origins to Next's own check (the function `next dev` calls per request), so a
 * change on either side shows up here rather than as a demo whose buttons do nothing.
 */
import { createRequire } from "node:module";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

// Plain JS modules without type declarations: loaded by URL and typed here.
const load = (file: string): Promise<unknown> => import(pathToFileURL(path.resolve(import.meta.dirname, file)).href);
type LoadedConfig = { allowedDevOrigins?: string[] };
type ConfigExport = LoadedConfig | ((phase: string, context: { defaultConfig: object }) => Promise<LoadedConfig>);
// next.config.js is wrapped by the Workflow SDK (a function of the phase): read the config `next dev` gets.
const configExport = ((await load("../../next.config.js")) as { default: ConfigExport }).default;
const nextConfig =
  typeof configExport === "function"
    ? await configExport("phase-development-server", { defaultConfig: {} })
    : configExport;
const { devOrigins } = (await load("./dev-origins.js")) as {
  devOrigins: (env: Record<string, string | undefined>, interfaces: unknown, hostname: string) => string[];
};

const require = createRequire(import.meta.url);
const { blockCrossSiteDEV } = require("next/dist/server/lib/router-utils/block-cross-site-dev.js") as {
  blockCrossSiteDEV: (
    req: IncomingMessage,
    res: ServerResponse,
    allowed: string[] | undefined,
    hostname?: string,
  ) => boolean;
};

function isBlocked(origin: string, allowed: string[] | undefined): boolean {
  const req = {
    url: "/_next/webpack-hmr",
    headers: { origin, "sec-fetch-mode": "cors", "sec-fetch-site": "cross-site" },
  } as unknown as IncomingMessage;
  const res = { statusCode: 200, end: () => {}, setHeader: () => {} } as unknown as ServerResponse;
  return blockCrossSiteDEV(req, res, allowed);
}

const LAN = {
  eth0: [
    { address: "192.168.1.23", family: "IPv4" },
    { address: "fe80::1%eth0", family: "IPv6" },
  ],
};

describe("dev origins", () => {
  it("Next blocks 127.0.0.1 without the setting (the bug this fixes)", () => {
    expect(isBlocked("http://127.0.0.1:3000", undefined)).toBe(true);
  });

  it("the app's config lets the demo hydrate at 127.0.0.1, [::1] and this machine's addresses", () => {
    const allowed = nextConfig.allowedDevOrigins;
    expect(isBlocked("http://127.0.0.1:3000", allowed)).toBe(false);
    expect(isBlocked("http://[::1]:3000", allowed)).toBe(false);
    expect(isBlocked("http://localhost:3000", allowed)).toBe(false);
    expect(isBlocked("http://evil.example:3000", allowed)).toBe(true);
  });

  it("includes every interface address, the host name and DEMO_ALLOWED_DEV_ORIGINS", () => {
    const origins = devOrigins({ DEMO_ALLOWED_DEV_ORIGINS: " demo.example.test , " }, LAN, "School-Laptop");
    expect(origins).toEqual(
      expect.arrayContaining(["127.0.0.1", "192.168.1.23", "[fe80::1]", "school-laptop", "demo.example.test"]),
    );
    expect(isBlocked("http://192.168.1.23:3000", origins)).toBe(false);
    expect(isBlocked("http://demo.example.test:3000", origins)).toBe(false);
  });
});
