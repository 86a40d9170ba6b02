/**
 * Verify: reads every synced contact back from HubSpot by id (batch/read, 100 per call, through the
 * same client and so the same rate budget as the sync), compares it with the last payload HubSpot
 * confirmed, lists every difference (also for a contact that is gone), and marks those learners
 * for resending so the next run repairs them. Read-only towards HubSpot. Recorded as a run of mode
 * `verify`; see verify-run-rows.ts for what is stored.
 * With a time budget (on Vercel: the cron's `?mode=verify` and "Verify HubSpot", held to the
 * function's maxDuration like the sync, lib/cron/sync-time-budget.ts) it stops at a page boundary
 * once the budget is spent, pauses the run with the coverage so far, and the next verify that
 * continues (`shouldContinue`) starts after the last contact checked.
 */
import { z } from "zod";
import { readSyncedContacts, type SyncedContact } from "@/lib/db/learners/read-synced-contacts";
import type { Database } from "@/lib/db/queryable";
import { GLOBAL_PROPERTY } from "@/lib/hubspot/properties/property-contract";
import { MAX_UPSERT_INPUTS, type SyncHubSpotClient } from "../hubspot-port";
import { DEFAULT_STALE_AFTER_MS } from "../runs/run-lease";
import { SyncConfigurationError } from "../sync-errors";
import type { SyncActor, SyncTrigger } from "../sync-types";
import { compareContact, type VerifyDifference } from "./compare-contact";
import { closeVerifyRun, recordVerifyPage, startVerifyRun, type VerifyPage } from "./verify-run-rows";

export interface VerifyOptions {
  pool: Database;
  hubspot: SyncHubSpotClient | null;
  trigger: SyncTrigger;
  actor: SyncActor;
  /** Contacts checked by the chain so far and the chain's total (a continuation counts the runs it continues). */
  onProgress?: (progress: { runId: number; checked: number; total: number; differences: number }) => void;
  /** Stop at the first page boundary after this much time; the run is paused and can be continued. */
  timeBudgetMs?: number;
  /** Continue the newest verify run if it stopped early (paused, failed, interrupted) and nobody continued it. */
  shouldContinue?: boolean;
  /** A running verify whose heartbeat is older than this is marked interrupted (default: the sync's). */
  staleAfterMs?: number;
}

/** `sync --verify --json` prints this document (runId added for the run page). */
export interface VerifyDocument {
  mode: "verify";
  runId: number;
  /** Contacts this run checked. */
  checked: number;
  differences: VerifyDifference[];
}

export interface VerifyResult extends VerifyDocument {
  /** "paused": the time budget ran out first; `continuing` then says a later verify picks up from here. */
  status: "succeeded" | "paused";
  continuing: boolean;
  resumedFromRunId: number | null;
  /** Contacts checked by the chain (this run and the ones it continues), and the chain's total. */
  chainChecked: number;
  total: number;
  message: string;
}

const optionsSchema = z.object({
  trigger: z.enum(["ui", "cli", "cron", "bench"]),
  actor: z.object({ id: z.uuid().optional(), label: z.string().trim().min(1) }),
  timeBudgetMs: z.number().int().positive().optional(),
  staleAfterMs: z.number().int().positive().optional(),
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
  const deadline = options.timeBudgetMs === undefined ? null : Date.now() + options.timeBudgetMs;
  const started = await startVerifyRun(pool, {
    trigger: options.trigger,
    actor: options.actor,
    shouldContinue: options.shouldContinue ?? false,
    staleAfterMs: options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS,
  });
  const { runId, total } = started;
  let checked = 0;
  const differences: VerifyDifference[] = [];
  let isBudgetSpent = false;
  try {
    let cursor = started.cursor;
    for (;;) {
      const contacts = await readSyncedContacts(pool, cursor, MAX_UPSERT_INPUTS);
      if (contacts.length === 0) break;
      cursor = contacts.at(-1)!.userId;
      const page = await checkPage(hubspot, contacts);
      await recordVerifyPage(pool, runId, page, cursor);
      checked += page.checked;
      differences.push(...page.differences);
      options.onProgress?.({
        runId,
        checked: started.chainChecked + checked,
        total,
        differences: differences.length,
      });
      // Every invocation checks at least one page, so a chain always gets to the end.
      if (contacts.length < MAX_UPSERT_INPUTS) break;
      if (deadline !== null && Date.now() >= deadline) {
        isBudgetSpent = true;
        break;
      }
    }
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const message = `Verify stopped after ${started.chainChecked + checked} of ${total} contacts: ${detail.replace(/[.\s]+$/, "")}. "Verify HubSpot" and the cron's verify continue from there.`;
    await closeVerifyRun(pool, runId, "failed", message).catch(() => undefined);
    throw error;
  }
  const chainChecked = started.chainChecked + checked;
  const message = describeOutcome({ ...started, checked, chainChecked, differences, isBudgetSpent });
  await closeVerifyRun(pool, runId, isBudgetSpent ? "paused" : "succeeded", message);
  return {
    mode: "verify",
    runId,
    checked,
    differences,
    status: isBudgetSpent ? "paused" : "succeeded",
    continuing: isBudgetSpent,
    resumedFromRunId: started.resumedFromRunId,
    chainChecked,
    total,
    message,
  };
}

/** The run's message: what this run covered, what it found, and, when it paused, that the coverage is partial. */
function describeOutcome(outcome: {
  checked: number;
  chainChecked: number;
  total: number;
  resumedFromRunId: number | null;
  differences: readonly VerifyDifference[];
  isBudgetSpent: boolean;
}): string {
  const learners = new Set(outcome.differences.map((difference) => difference.userId)).size;
  const continuing = outcome.resumedFromRunId === null ? "" : ` (continuing verify run #${outcome.resumedFromRunId})`;
  const found =
    outcome.differences.length === 0
      ? "HubSpot holds exactly the last confirmed values"
      : `${outcome.differences.length} difference(s) for ${learners} learner(s); they are resent on the next run`;
  if (outcome.isBudgetSpent) {
    const left = Math.max(0, outcome.total - outcome.chainChecked);
    const foundSoFar = outcome.differences.length === 0 ? "no difference so far" : found;
    return (
      `Partial: checked ${outcome.checked} contacts${continuing}, ${outcome.chainChecked} of ${outcome.total} so far, before the time budget ran out: ${foundSoFar}. ` +
      `${left} not checked yet: the next verify continues from contact ${outcome.chainChecked + 1}.`
    );
  }
  const chain =
    outcome.resumedFromRunId === null
      ? ""
      : `, all ${outcome.chainChecked} of ${outcome.total} with the runs it continues`;
  return `Checked ${outcome.checked} contacts${continuing}${chain}: ${found}.`;
}
