/**
 * Sends (live) or records (dry run) one batch built from ledger entries, and settles each entry
 * from HubSpot's per-row answer. The body object is built once, before either mode uses it: it is
 * what the dry run returns and what the live run posts, so the two cannot drift.
 * - upsert batches go to batch/upsert by email; update batches (email changed, resend requested)
 *   to batch/update by the recorded contact id, with the email among the properties;
 * - an update whose id HubSpot no longer knows (archived, deleted) falls back to an upsert by
 *   email in one extra call, and the new id is recorded;
 * - a row another contact's email or learner_id blocks (409, isolated by the client) fails as
 *   `email_conflict` naming that contact; nothing is written to either, the rest of the batch lands.
 * A batch refused as data (400/404/409 after the client's own row isolation) fails its rows and
 * the run goes on; anything else (401, 403, retries exhausted) is thrown: no later batch could
 * succeed either.
 */
import { isHubSpotError, type SyncHubSpotClient } from "@/lib/sync/hubspot-port";
import type { LedgerEntry } from "./run-ledger";
import type { SyncBatchBody, SyncIssueKind, UpdateInput } from "../sync-types";

const ROW_LEVEL_CATEGORIES = new Set(["validation", "not_found", "conflict"]);

type WriteAnswer = Awaited<ReturnType<SyncHubSpotClient["upsertContacts"]>>;
type RowFailure = WriteAnswer["failed"][number];

function fail(entry: LedgerEntry, kind: SyncIssueKind, message: string): void {
  entry.result = { ok: false };
  entry.issues.push({ kind, level: null, message, payload: entry.input });
}

function conflictMessage(entry: LedgerEntry, failure: RowFailure): string {
  const holder = failure.existingId ? `HubSpot contact ${failure.existingId}` : "another HubSpot contact";
  return (
    `Not written: ${holder} already has the email ${entry.email} or this learner's learner_id (HubSpot: "${failure.message}"). ` +
    "Nothing was written to either contact; merge them or change one email in HubSpot, and the next run sends this learner again."
  );
}

function toUpdateInput(entry: LedgerEntry): UpdateInput {
  return { id: entry.contactId!, properties: { email: entry.email, ...entry.input!.properties } };
}

export function buildBatchBody(entries: readonly LedgerEntry[]): SyncBatchBody {
  if (entries[0]?.operation === "update") return { operation: "update", inputs: entries.map(toUpdateInput) };
  return { inputs: entries.map((entry) => entry.input!) };
}

/** `hubspot` null (dry run): every row settles as if confirmed, nothing leaves the process. Returns the batch calls made. */
export async function sendBatch(
  body: SyncBatchBody,
  entries: LedgerEntry[],
  hubspot: SyncHubSpotClient | null,
): Promise<number> {
  if (hubspot === null) {
    for (const entry of entries) entry.result = { ok: true, hubspotId: null };
    return 0;
  }
  const isUpdate = body.operation === "update";
  const answer = await post(hubspot, body, entries);
  if (!answer) return 1;
  const keyOf = (entry: LedgerEntry) => (isUpdate ? entry.contactId! : entry.email);
  const waiting = new Map<string, LedgerEntry[]>();
  for (const entry of entries) waiting.set(keyOf(entry), [...(waiting.get(keyOf(entry)) ?? []), entry]);
  const next = (id: string) =>
    (waiting.get(isUpdate ? id.trim() : id.trim().toLowerCase()) ?? []).find((entry) => entry.result === null);
  for (const row of answer.succeeded) {
    const entry = next(row.id);
    if (entry) entry.result = { ok: true, hubspotId: row.hubspotId };
  }
  const gone: LedgerEntry[] = [];
  for (const row of answer.failed) {
    const entry = next(row.id);
    if (!entry) continue;
    if (isUpdate && row.kind === "not_found") {
      // Archived or deleted in HubSpot: the learner gets a contact again, found or created by email.
      entry.result = { ok: false };
      gone.push(entry);
    } else if (row.kind === "email_conflict") fail(entry, "email_conflict", conflictMessage(entry, row));
    else
      fail(
        entry,
        row.kind === "not_found" ? "rejected" : row.kind,
        `HubSpot rejected the contact${row.property ? ` (property ${row.property})` : ""}: ${row.message}`,
      );
  }
  for (const entry of entries) {
    if (entry.result === null) fail(entry, "rejected", "HubSpot returned no result for this contact.");
  }
  if (gone.length === 0) return 1;
  for (const entry of gone) {
    entry.result = null;
    entry.operation = "upsert";
  }
  return 1 + (await sendBatch(buildBatchBody(gone), gone, hubspot));
}

/** The POST itself; null when HubSpot refused the whole batch as data (its rows are failed here). */
async function post(
  hubspot: SyncHubSpotClient,
  body: SyncBatchBody,
  entries: LedgerEntry[],
): Promise<WriteAnswer | null> {
  try {
    return body.operation === "update"
      ? await hubspot.updateContacts({ inputs: body.inputs })
      : await hubspot.upsertContacts({ inputs: body.inputs });
  } catch (error) {
    if (!isHubSpotError(error) || !ROW_LEVEL_CATEGORIES.has(error.category)) throw error;
    for (const entry of entries) fail(entry, "rejected", `HubSpot refused the batch: ${error.message}`);
    return null;
  }
}
