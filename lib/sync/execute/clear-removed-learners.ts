/**
 * The last step of a run that reached the end of the learners (setting removed_learners = clear):
 * learners who are no longer synced (they left the learners view, or are a staff account without
 * progress: lib/db/learners/read-removed-learners.ts) get every synced property on their contact set to "" once,
 * by id (batch/update, 100 per call, same client and rate budget), and are then forgotten (their
 * contact_state row is deleted, so this happens exactly once). A contact HubSpot no longer has is
 * forgotten too. Each page is recorded in one statement, fenced like every write of the run.
 * Dry runs list the same update bodies and issues and change nothing.
 */
import type { Queryable } from "@/lib/db/queryable";
import type { LearnerLevels } from "@/lib/db/learners/synced-learner-sql";
import {
  readRemovedLearners,
  readRemovedLearnersPolicy,
  type RemovedLearner,
  type RemovedLearnersPolicy,
} from "@/lib/db/learners/read-removed-learners";
import { isHubSpotError, MAX_UPSERT_INPUTS, type SyncHubSpotClient } from "@/lib/sync/hubspot-port";
import { SyncRunLostError } from "../sync-errors";
import type { SyncIssue, UpdateBody } from "../sync-types";

export interface ClearRemovedOutcome {
  /** The removed_learners setting the step applied. */
  policy: RemovedLearnersPolicy;
  cleared: number;
  failed: number;
  writeCalls: number;
  /** Dry runs: the bodies a live run would POST to batch/update. */
  batches: UpdateBody[];
  issues: SyncIssue[];
}

interface Recorded {
  user_id: string;
  email: string;
  kind: "removed_cleared" | "rejected";
  message: string;
  payload: unknown;
}

function clearedProperties(learner: RemovedLearner, fallback: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    Object.keys(learner.payload ?? Object.fromEntries(fallback.map((name) => [name, ""]))).map((name) => [name, ""]),
  );
}

/** One input per contact: two removed learners merged into one contact in HubSpot must not make the batch a duplicate-id 400. */
function buildBody(learners: readonly RemovedLearner[], fallback: readonly string[]): UpdateBody {
  const byId = new Map<string, Record<string, string>>();
  for (const learner of learners)
    byId.set(learner.hubspotId!, { ...byId.get(learner.hubspotId!), ...clearedProperties(learner, fallback) });
  return { operation: "update", inputs: [...byId].map(([id, properties]) => ({ id, properties })) };
}

async function send(
  hubspot: SyncHubSpotClient,
  body: UpdateBody,
): Promise<{ ok: Set<string>; failed: Map<string, string> }> {
  const ok = new Set<string>();
  const failed = new Map<string, string>();
  try {
    const answer = await hubspot.updateContacts({ inputs: body.inputs });
    for (const row of answer.succeeded) ok.add(row.id);
    // Gone from HubSpot: nothing left to clear.
    for (const row of answer.failed) {
      if (row.kind === "not_found") ok.add(row.id);
      else failed.set(row.id, row.message);
    }
  } catch (error) {
    if (!isHubSpotError(error) || !["validation", "not_found", "conflict"].includes(error.category)) throw error;
    for (const input of body.inputs) failed.set(input.id, error.message);
  }
  return { ok, failed };
}

async function record(
  db: Queryable,
  runId: number,
  leaseToken: string,
  forget: string[],
  recorded: Recorded[],
): Promise<void> {
  const { rows } = await db.query(
    `with live as (
       select id from crm_sync.runs where id = $1 and status = 'running' and lease_token = $4::uuid
     ), forgotten as (
       delete from crm_sync.contact_state where user_id = any($2::uuid[]) and exists (select 1 from live) returning 1
     ), recorded as (
       insert into crm_sync.run_errors (run_id, user_id, email, kind, message, payload)
       select $1, e.user_id, e.email, e.kind, e.message, e.payload
       from jsonb_to_recordset($3::jsonb) as e(user_id uuid, email text, kind text, message text, payload jsonb)
       where exists (select 1 from live)
       returning 1
     )
     update crm_sync.runs set heartbeat_at = now() where id = (select id from live)
     returning (select count(*) from forgotten)::int as forgotten`,
    [runId, forget, JSON.stringify(recorded), leaseToken],
  );
  if (rows.length !== 1) throw new SyncRunLostError(runId);
}

export async function clearRemovedLearners(
  db: Queryable,
  input: {
    /** The enabled levels: a staff account without a row in them is no longer synced. */
    levels: LearnerLevels;
    runId: number;
    leaseToken: string;
    hubspot: SyncHubSpotClient | null;
    isLive: boolean;
    fallbackProperties: readonly string[];
    /** Look only among this selection's learners (RunSelection.hasRemovedInSelection); null: every contact_state row. */
    selectionRunId: number | null;
  },
): Promise<ClearRemovedOutcome> {
  const policy = await readRemovedLearnersPolicy(db);
  const outcome: ClearRemovedOutcome = { policy, cleared: 0, failed: 0, writeCalls: 0, batches: [], issues: [] };
  if (policy !== "clear") return outcome;
  let cursor: string | null = null;
  for (;;) {
    const page = await readRemovedLearners(db, input.levels, cursor, MAX_UPSERT_INPUTS, input.selectionRunId);
    if (page.length === 0) return outcome;
    cursor = page.at(-1)!.userId;
    const withContact = page.filter((learner) => learner.hubspotId !== null);
    const body = buildBody(withContact, input.fallbackProperties);
    const why = (learner: RemovedLearner) =>
      learner.reason === "staff_without_progress"
        ? "is a staff account without progress, so no longer synced"
        : "left the learners view";
    const describe = (learner: RemovedLearner) =>
      learner.hubspotId === null
        ? `Learner ${learner.userId} ${why(learner)}; no HubSpot contact id was recorded, so it is only forgotten.`
        : `Learner ${learner.userId} ${why(learner)} (removed_learners = clear): ${Object.keys(clearedProperties(learner, input.fallbackProperties)).length} synced properties of HubSpot contact ${learner.hubspotId} set to "" once; the learner is forgotten.`;
    if (!input.isLive || !input.hubspot) {
      if (body.inputs.length > 0) outcome.batches.push(body);
      for (const learner of page)
        outcome.issues.push({
          userId: learner.userId,
          email: learner.email,
          kind: "removed_cleared",
          message: describe(learner),
        });
      outcome.cleared += page.length;
      continue;
    }
    const answer =
      body.inputs.length > 0
        ? await send(input.hubspot, body)
        : { ok: new Set<string>(), failed: new Map<string, string>() };
    if (body.inputs.length > 0) outcome.writeCalls += 1;
    const forget: string[] = [];
    const recorded: Recorded[] = [];
    for (const learner of page) {
      const failure = learner.hubspotId === null ? undefined : answer.failed.get(learner.hubspotId);
      if (failure !== undefined) {
        outcome.failed += 1;
        recorded.push({
          user_id: learner.userId,
          email: learner.email,
          kind: "rejected",
          message: `Clearing the removed learner's contact ${learner.hubspotId} failed: ${failure}. The next run tries again.`,
          payload: null,
        });
        continue;
      }
      outcome.cleared += 1;
      forget.push(learner.userId);
      recorded.push({
        user_id: learner.userId,
        email: learner.email,
        kind: "removed_cleared",
        message: describe(learner),
        payload: { contactId: learner.hubspotId },
      });
    }
    await record(db, input.runId, input.leaseToken, forget, recorded);
  }
}
