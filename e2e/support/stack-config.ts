/**
 * Ports and paths of the e2e stack. Not the demo's defaults (3000/54321/54322/54330), so the
 * suite runs beside a running `npm run demo`. Override with E2E_* variables when a port is taken.
 */
const port = (name: string, fallback: number) => Number.parseInt(process.env[name] ?? "", 10) || fallback;

export const E2E = {
  appPort: port("E2E_APP_PORT", 3100),
  authPort: port("E2E_AUTH_PORT", 54421),
  postgresPort: port("E2E_POSTGRES_PORT", 54422),
  hubspotPort: port("E2E_HUBSPOT_PORT", 54430),
  /** Wiped at every start: each run begins from a fresh seed. */
  dataDir: ".data/e2e",
  /** The app's CRON_SECRET in the e2e stack; the cron and security specs send or look for it. */
  cronSecret: "e2e-cron-secret",
  get databaseUrl() {
    return `postgres://postgres:postgres@127.0.0.1:${this.postgresPort}/crm_sync_e2e`;
  },
  get appUrl() {
    return `http://127.0.0.1:${this.appPort}`;
  },
};
