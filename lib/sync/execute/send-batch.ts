/**
 * Sends (live) or records (dry run) one batch/upsert body built from ledger entries, and settles
 * each entry from HubSpot's per-row answer. The body object is built once, before either mode
 * uses it: it is what the dry run returns and what the live run posts, so the two cannot drift. A batch refused as data (400/404/409 after the client's own row
 * isolation) fails its rows and the run goes on; anything else (401, 403, retries exhausted) is
 * thrown: no later batch could succeed either.
 */
import { isHubSpotError, type SyncHubSpotClient } from "@/lib/sync/hubspot-port";
import type { LedgerEntry } from "./run-ledger";
import type { SyncIssueKind, UpsertBody } from "../sync-types";

const ROW_LEVEL_CATEGORIES = new Set(["validation", "not_found", "conflict"]);

function fail(entry: LedgerEntry, kind: SyncIssueKind, message: string): void {
  entry.result = { ok: false };
  entry.issues.push({ kind, level: null, message, payload: entry.input });
}

export function buildUpsertBody(entries: readonly LedgerEntry[]): UpsertBody {
  return { inputs: entries.map((entry) => entry.input!) };
}

/** `hubspot` null (dry run): every row settles as if confirmed, nothing leaves the process. */
export async function sendBatch(body: UpsertBody, entries: LedgerEntry[], hubspot: SyncHubSpotClient | null): Promise<void> {
  if (hubspot === null) {
    for (const entry of entries) entry.result = { ok: true, hubspotId: null };
    return;
  }
  let answer: Awaited<ReturnType<SyncHubSpotClient["upsertContacts"]>>;
  try {
    answer = await hubspot.upsertContacts(body);
  } catch (error) {
    if (!isHubSpotError(error) || !ROW_LEVEL_CATEGORIES.has(error.category)) throw error;
    for (const entry of entries) fail(entry, "rejected", `HubSpot refused the batch: ${error.message}`);
    return;
  }
  const byEmail = new Map(entries.map((entry) => [entry.email, entry]));
  for (const row of answer.succeeded) {
    const entry = byEmail.get(row.id.trim().toLowerCase());
    if (entry && entry.result === null) entry.result = { ok: true, hubspotId: row.hubspotId };
  }
  for (const row of answer.failed) {
    const entry = byEmail.get(row.id.trim().toLowerCase());
    if (!entry || entry.result !== null) continue;
    fail(entry, row.kind, `HubSpot rejected the contact${row.property ? ` (property ${row.property})` : ""}: ${row.message}`);
  }
  for (const entry of entries) {
    if (entry.result === null) fail(entry, "rejected", "HubSpot returned no result for this contact.");
  }
}
