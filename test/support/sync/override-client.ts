import type { SyncHubSpotClient } from "@/lib/sync/hubspot-port";

/**
 * `client` with some of its calls replaced (to observe, slow down or hold them); every other call,
 * and `stats` (read through, so it always shows the client's counters), are the client's own.
 */
export function overrideClient(
  client: SyncHubSpotClient,
  overrides: Partial<Omit<SyncHubSpotClient, "stats">>,
): SyncHubSpotClient {
  return {
    ...client,
    ...overrides,
    get stats() {
      return client.stats;
    },
  };
}
