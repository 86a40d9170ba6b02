/**
 * The HubSpot client as a run uses it: every contact write carries the run lease's signal, so
 * losing the lease cancels the writes in flight (and their resends) without each caller having to
 * pass it along. Reads of properties are left as they are: they change nothing in HubSpot.
 */
import type { SyncHubSpotClient } from "@/lib/sync/hubspot-port";

export function bindCallSignal(client: SyncHubSpotClient, signal: AbortSignal): SyncHubSpotClient {
  return {
    ...client,
    get stats() {
      return client.stats;
    },
    upsertContacts: (body, options) => client.upsertContacts(body, { ...options, signal: options?.signal ?? signal }),
    updateContacts: (body, options) => client.updateContacts(body, { ...options, signal: options?.signal ?? signal }),
  };
}
