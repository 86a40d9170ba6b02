/**
 * One test file's world: a fresh database (cloned from the migrated template), the HubSpot
 * stand-in on a free port, the recording proxy in front of it, and real HubSpot clients (the
 * lib/hubspot wrapper) pointed at the proxy. Everything is reset after each test.
 */
import { afterAll, afterEach, beforeAll } from "vitest";
import { createHubSpotClient, type HubSpotClientConfig } from "@/lib/hubspot/client";
import {
  startHubSpotStandIn,
  DEFAULT_TOKEN,
  type HubSpotStandIn,
  type HubSpotStandInOptions,
} from "@/sandbox/hubspot/server";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import type { SyncOptions } from "@/lib/sync/sync-types";
import { startRecordingProxy, type RecordingProxy } from "./recording-proxy";
import { resetSyncDatabase } from "./source-fixtures";

export interface SyncHarness {
  db: TestDatabase;
  standIn: HubSpotStandIn;
  proxy: RecordingProxy;
  /** A real client on the proxy, with quick retries so fault tests stay fast. */
  client(overrides?: Partial<HubSpotClientConfig>): ReturnType<typeof createHubSpotClient>;
  /** Base options for runSync (live unless overridden); the mode stays a literal type for runSync's overloads. */
  options(overrides: Partial<SyncOptions> & { mode: "dry_run" }): SyncOptions & { mode: "dry_run" };
  options(overrides?: Partial<SyncOptions> & { mode?: "live" }): SyncOptions & { mode: "live" };
}

export function setUpSyncHarness(standInOptions: HubSpotStandInOptions = {}): SyncHarness {
  const harness = {} as SyncHarness;
  beforeAll(async () => {
    harness.db = await createTestDatabase();
    harness.standIn = await startHubSpotStandIn({ port: 0, ...standInOptions });
    harness.proxy = await startRecordingProxy(harness.standIn.url);
    harness.client = (overrides = {}) =>
      createHubSpotClient({
        accessToken: DEFAULT_TOKEN,
        baseUrl: harness.proxy.url,
        ratePer10s: 190,
        baseDelayMs: 5,
        maxDelayMs: 20,
        ...overrides,
      });
    harness.options = ((overrides: Partial<SyncOptions> = {}) => ({
      pool: harness.db.pool,
      hubspot: harness.client(),
      mode: "live",
      trigger: "cli",
      actor: { label: "test-runner" },
      ...overrides,
    })) as SyncHarness["options"];
  });
  afterEach(async () => {
    harness.standIn.reset();
    harness.proxy.clear();
    harness.proxy.setUpsertInterceptor(null);
    await resetSyncDatabase(harness.db.pool);
  });
  afterAll(async () => {
    await harness.proxy?.stop();
    await harness.standIn?.stop();
    await harness.db?.drop();
  });
  return harness;
}

/** Contacts the stand-in holds, by email, with the properties we own. */
export function standInContacts(standIn: HubSpotStandIn): Map<string, Record<string, string>> {
  return new Map(
    standIn.state
      .listContacts()
      .filter((contact) => contact.properties.email !== undefined)
      .map((contact) => [contact.properties.email!, contact.properties]),
  );
}
