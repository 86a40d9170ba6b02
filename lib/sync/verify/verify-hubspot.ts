/**
 * Verify: reads every synced contact back from HubSpot by id (batch/read, 100 per call, through the
 * same client and so the same rate budget as the sync), compares it with the last payload HubSpot
 * confirmed, lists every difference (also for a contact that is gone), and marks those learners
 * for resending so the next run repairs them. Read-only towards HubSpot. Recorded as a run of mode
 * `verify`; see verify-run-rows.ts for what is stored.
 */
import { z } from "zod";
import { countSyncedContacts, readSyncedContacts, type SyncedContact } from "@/lib/db/learners/read-synced-contacts";
import type { Database } from "@/lib/db/queryable";
import { GLOBAL_PROPERTY } from "@/lib/hubspot/properties/property-contract";
import { MAX_UPSERT_INPUTS, type SyncHubSpotClient } from "../hubspot-port";
import { SyncConfigurationError } from "../sync-errors";
import type { SyncActor, SyncTrigger } from "../sync-types";
import { compareContact, type VerifyDifference } from "./compare-contact";
import { closeVerifyRun, recordVerifyPage, startVerifyRun, type VerifyPage } from "./verify-run-rows";

export interface VerifyOptions {
  pool: Database;
  hubspot: SyncHubSpotClient | null;
  trigger: SyncTrigger;
  actor: SyncActor;
  onProgress?: (progress: { runId: number; checked: number; total: number; differences: number }) => void;
}

/** `sync --verify --json` prints this document (runId added for the run page). */
export interface VerifyResult {
  mode: "verify";
  runId: number;
  checked: number;
  differences: VerifyDifference[];
}

const optionsSchema = z.object({
  trigger: z.enum(["ui", "cli", "cron", "bench"]),
  actor: z.object({ id: z.uuid().optional(), label: z.string().trim().min(1) }),
});

type Found = { id: string; properties: Record<string, string | null> };

/** Matches batch/read answers to learners: by id, else (a merged-away id answers with the survivor) by learner_id. */
async function checkPage(hubspot: SyncHubSpotClient, contacts: readonly SyncedContact[]): Promise<VerifyPage> {
  const requestsBefore = hubspot.stats.requests;
  const properties = [
    ...new Set(["email", GLOBAL_PROPERTY.learnerId, ...contacts.flatMap((contact) => Object.keys(contact.payload))]),
  ];
  const answer = await hubspot.readContacts({
    ids: [...new Set(contacts.map((contact) => contact.hubspotId))],
    properties,
  });
  const byId = new Map<string, Found>(answer.found.map((record) => [record.id, record]));
  const byLearner = new Map<string, Found>();
  for (const record of answer.found) {
    const learnerId = record.properties[GLOBAL_PROPERTY.learnerId];
    if (learnerId) byLearner.set(learnerId, record);
  }
  const page: VerifyPage = {
    checked: contacts.length,
    differences: [],
    movedContacts: [],
    calls: hubspot.stats.requests - requestsBefore,
  };
  for (const contact of contacts) {
    const record = byId.get(contact.hubspotId) ?? byLearner.get(contact.userId);
    if (record && record.id !== contact.hubspotId)
      page.movedContacts.push({ userId: contact.userId, contactId: record.id });
    page.differences.push(...compareContact(contact, record));
  }
  return page;
}

export async function verifyHubSpot(options: VerifyOptions): Promise<VerifyResult> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new SyncConfigurationError(`Invalid verify options: ${z.prettifyError(parsed.error)}`);
  if (!options.hubspot)
    throw new SyncConfigurationError("Verify reads HubSpot: set HUBSPOT_ACCESS_TOKEN to a private-app token.");
  const { pool, hubspot } = options;
  const total = await countSyncedContacts(pool);
  const runId = await startVerifyRun(pool, { trigger: options.trigger, actor: options.actor, total });
  const result: VerifyResult = { mode: "verify", runId, checked: 0, differences: [] };
  try {
    let cursor: string | null = null;
    for (;;) {
      const contacts = await readSyncedContacts(pool, cursor, MAX_UPSERT_INPUTS);
      if (contacts.length === 0) break;
      cursor = contacts.at(-1)!.userId;
      const page = await checkPage(hubspot, contacts);
      await recordVerifyPage(pool, runId, page);
      result.checked += page.checked;
      result.differences.push(...page.differences);
      options.onProgress?.({ runId, checked: result.checked, total, differences: result.differences.length });
    }
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    await closeVerifyRun(pool, runId, "failed", `Verify stopped after ${result.checked} contacts: ${detail}`).catch(
      () => undefined,
    );
    throw error;
  }
  const learners = new Set(result.differences.map((difference) => difference.userId)).size;
  const message =
    result.differences.length === 0
      ? `Checked ${result.checked} contacts: HubSpot holds exactly the last confirmed values.`
      : `Checked ${result.checked} contacts: ${result.differences.length} difference(s) for ${learners} learner(s); they are resent on the next run.`;
  await closeVerifyRun(pool, runId, "succeeded", message);
  return result;
}
