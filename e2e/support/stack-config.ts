/**
 * Ports, paths and the app's environment in the e2e stack. Not the demo's defaults
 * (3000/54321/54322/54330), so the suite runs beside a running `npm run demo`. Override the ports with
 * E2E_* variables when one is taken.
 */
const port = (name: string, fallback: number) => Number.parseInt(process.env[name] ?? "", 10) || fallback;

export const E2E = {
  appPort: port("E2E_APP_PORT", 3100),
  /**
   * A second `next start` of the same build on the same database and stand-ins, whose "Sync now"
   * chunks get chunkBudgetMs only (SYNC_TIME_BUDGET_MS, tests only): workflow-chunks.spec.ts forces a run
   * into many workflow chunks there, while every other spec keeps the real budget on appPort.
   */
  chunkAppPort: port("E2E_CHUNK_APP_PORT", 3101),
  chunkBudgetMs: 1_000,
  authPort: port("E2E_AUTH_PORT", 54421),
  postgresPort: port("E2E_POSTGRES_PORT", 54422),
  hubspotPort: port("E2E_HUBSPOT_PORT", 54430),
  /** Wiped at every start: each run begins from a fresh seed. */
  dataDir: ".data/e2e",
  publishableKey: "sb_publishable_demo_local",
  /**
   * Secrets of the e2e stack. Fake, but distinctive: the build and the running app both get them, and
   * security.spec.ts looks for them in everything the browser receives, so a hit can only be a leak.
   */
  cronSecret: "e2e-cron-secret-3a7f91c4",
  hubspotToken: "pat-e2e-hubspot-token-b62d0e58",
  /**
   * The app reads no Supabase secret key today. It is in the build's environment anyway, as a canary:
   * code that starts reading it and lets it reach the client is caught by the bundle scan.
   */
  supabaseSecretKey: "sb_secret_e2e_canary_5c1e8d2f9a",
  get databaseUrl() {
    return `postgres://postgres:postgres@127.0.0.1:${this.postgresPort}/crm_sync_e2e`;
  },
  get appUrl() {
    return `http://127.0.0.1:${this.appPort}`;
  },
  get chunkAppUrl() {
    return `http://127.0.0.1:${this.chunkAppPort}`;
  },
  get authUrl() {
    return `http://127.0.0.1:${this.authPort}`;
  },
  get hubspotUrl() {
    return `http://127.0.0.1:${this.hubspotPort}`;
  },
  /** What the sync needs (docs/ARCHITECTURE.md, "Environment"): `next start`, and the CLI processes concurrent-starts.spec.ts runs. */
  get syncEnv(): Record<string, string> {
    return {
      DATABASE_URL: this.databaseUrl,
      HUBSPOT_ACCESS_TOKEN: this.hubspotToken,
      HUBSPOT_BASE_URL: this.hubspotUrl,
      SOURCE_SCHEMA: "public",
    };
  },
  /**
   * The app's whole environment, secrets included. `next build` gets it too, as a production build
   * on Vercel would: a secret inlined at build time then lands in the bundle the scan reads.
   */
  get appEnv(): Record<string, string> {
    return {
      ...this.syncEnv,
      NEXT_PUBLIC_SUPABASE_URL: this.authUrl,
      NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: this.publishableKey,
      CRON_SECRET: this.cronSecret,
      SUPABASE_SECRET_KEY: this.supabaseSecretKey,
    };
  },
};
