import { defineConfig, devices } from "@playwright/test";
import { E2E } from "./e2e/support/stack-config";

const isCI = Boolean(process.env.CI);

/** Debian's Chromium, not a downloaded browser build: the machines here have no browser CDN. */
const chromium = {
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

export default defineConfig({
  testDir: "./e2e",
  outputDir: "test-results",
  // One app, one database: tests that sign in and out run one at a time.
  workers: 1,
  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  reporter: isCI ? [["list"], ["html", { open: "never" }]] : "list",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: E2E.appUrl,
    launchOptions: chromium,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts$/, use: { ...devices["Desktop Chrome"] } },
    { name: "chromium", dependencies: ["setup"], use: { ...devices["Desktop Chrome"] } },
  ],
  webServer: {
    command: "npx tsx e2e/support/stack.ts",
    url: `${E2E.appUrl}/api/health`,
    // Locally a stack left running is reused; CI always starts a fresh one.
    reuseExistingServer: !isCI,
    // Includes `next build` when .next is not a build of these sources with the e2e environment.
    timeout: 15 * 60_000,
    stdout: "pipe",
    stderr: "pipe",
    // SIGTERM lets the stack stop Postgres and the stand-ins; SIGKILL would orphan Postgres.
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
  },
});
