/**
 * A verify is recorded in crm_sync.runs (mode 'verify') so history and the run page show it: its
 * differences are its run_errors rows (kind `hubspot_differs`, payload { contactId, property,
 * hubspot, expected }), `processed` counts the contacts checked and `failed` the learners that
 * differ. Each page is recorded in one statement, together with the resend marks it sets and the
 * cursor (the last contact checked), so a verify that stopped early (paused at its time budget,
 * failed, or interrupted) can be continued by a NEW verify row from there, as a sync is:
 * resumed_from_run_id / resumed_by_run_id link the chain and chain_processed counts the whole chain.
 */
import { z } from "zod";
import { countSyncedContacts } from "@/lib/db/learners/read-synced-contacts";
import { inTransaction, type Database, type Queryable } from "@/lib/db/queryable";
import { SyncRunLostError } from "../sync-errors";
import type { SyncActor, SyncTrigger } from "../sync-types";
import { CONTACT_GONE_PROPERTY, type VerifyDifference } from "./compare-contact";

export const DIFFERENCE_KIND = "hubspot_differs";

export interface StartedVerify {
  runId: number;
  /** The verify this one continues (null: a new pass from the first contact). */
  resumedFromRunId: number | null;
  /** Start after this contact (user id); null from the first. */
  cursor: string | null;
  /** Contacts the chain checked before this run. */
  chainChecked: number;
  /** Contacts the whole chain covers: chainChecked plus those left after the cursor now. */
  total: number;
}

const newestVerifySchema = z.object({
  id: z.number().int(),
  status: z.string(),
  cursor_user_id: z.string().nullable(),
  chain_processed: z.number().int(),
  resumed_by_run_id: z.number().int().nullable(),
});

/** A verify run left early and not continued yet: the next continuing verify picks it up. */
const CONTINUABLE = new Set(["paused", "failed", "interrupted"]);

export async function startVerifyRun(
  db: Database,
  input: { trigger: SyncTrigger; actor: SyncActor; shouldContinue: boolean; staleAfterMs: number },
): Promise<StartedVerify> {
  return inTransaction(db, async (client) => {
    // A verify whose process was killed (no time budget, or a crash) would show as running for ever.
    await client.query(
      `update crm_sync.runs set status = 'interrupted', finished_at = now(), stopped_phase = phase, phase = 'done',
         message = concat_ws(' ', message, format('Heartbeat stale since %s (its process is gone).', heartbeat_at))
       where mode = 'verify' and status = 'running' and heartbeat_at < now() - make_interval(secs => $1::float8 / 1000)`,
      [input.staleAfterMs],
    );
    const newest = input.shouldContinue
      ? await client.query(
          `select id::int as id, status, cursor_user_id::text as cursor_user_id, chain_processed,
                  resumed_by_run_id::int as resumed_by_run_id
           from crm_sync.runs where mode = 'verify' order by id desc limit 1 for update`,
        )
      : { rows: [] };
    const latest = newest.rows[0] ? newestVerifySchema.parse(newest.rows[0]) : null;
    const predecessor = latest && CONTINUABLE.has(latest.status) && latest.resumed_by_run_id === null ? latest : null;
    const cursor = predecessor?.cursor_user_id ?? null;
    const chainChecked = predecessor?.chain_processed ?? 0;
    const total = chainChecked + (await countSyncedContacts(client, cursor));
    const { rows } = await client.query(
      `insert into crm_sync.runs (mode, trigger, started_by, started_by_label, levels, total_learners, phase,
         resumed_from_run_id, chain_processed, cursor_user_id)
       values ('verify', $1, $2, $3, '{}', $4, 'verifying', $5, $6, $7::uuid) returning id::int as id`,
      [input.trigger, input.actor.id ?? null, input.actor.label, total, predecessor?.id ?? null, chainChecked, cursor],
    );
    const runId = z.object({ id: z.number().int() }).parse(rows[0]).id;
    if (predecessor) {
      await client.query(
        "update crm_sync.runs set resumed_by_run_id = $2, message = concat_ws(' ', message, $3::text) where id = $1",
        [predecessor.id, runId, `Continued by verify run #${runId}.`],
      );
    }
    return { runId, resumedFromRunId: predecessor?.id ?? null, cursor, chainChecked, total };
  });
}

function describe(difference: VerifyDifference): string {
  if (difference.property === CONTACT_GONE_PROPERTY) {
    return `HubSpot has no contact ${difference.expected} any more (archived, deleted or merged away); the next run writes this learner again.`;
  }
  const shown = (value: string | null) => (value === null || value === "" ? "empty" : JSON.stringify(value));
  return `${difference.property} is ${shown(difference.hubspot)} in HubSpot, expected ${shown(difference.expected)}; the next run sends this learner again.`;
}

export interface VerifyPage {
  checked: number;
  differences: VerifyDifference[];
  /** Learners whose contact answered under another id (a merge): the survivor's id is recorded. */
  movedContacts: Array<{ userId: string; contactId: string }>;
  calls: number;
}

/** `cursor`: the last contact (user id) of the page; a continuation starts after it. */
export async function recordVerifyPage(db: Queryable, runId: number, page: VerifyPage, cursor: string): Promise<void> {
  const differing = [...new Set(page.differences.map((difference) => difference.userId))];
  const reasons = differing.map((userId) => {
    const properties = page.differences
      .filter((difference) => difference.userId === userId)
      .map((difference) => difference.property);
    return `verify run #${runId}: ${properties.join(", ")} differ`;
  });
  const errors = page.differences.map((difference) => ({
    user_id: difference.userId,
    email: difference.email,
    message: describe(difference),
    payload: {
      contactId: difference.contactId,
      property: difference.property,
      hubspot: difference.hubspot,
      expected: difference.expected,
    },
  }));
  const { rows } = await db.query(
    `with live as (
       select id from crm_sync.runs where id = $1 and status = 'running'
     ), marked as (
       update crm_sync.contact_state cs set resend_requested_at = now(), resend_reason = m.reason
       from unnest($2::uuid[], $3::text[]) as m(user_id, reason)
       where cs.user_id = m.user_id and exists (select 1 from live)
       returning 1
     ), moved as (
       update crm_sync.contact_state cs set hubspot_id = m.contact_id
       from unnest($4::uuid[], $5::text[]) as m(user_id, contact_id)
       where cs.user_id = m.user_id and exists (select 1 from live)
       returning 1
     ), recorded as (
       insert into crm_sync.run_errors (run_id, user_id, email, kind, message, payload)
       select $1, e.user_id, e.email, $6, e.message, e.payload
       from jsonb_to_recordset($7::jsonb) as e(user_id uuid, email text, message text, payload jsonb)
       where exists (select 1 from live)
       returning 1
     )
     update crm_sync.runs set processed = processed + $8, chain_processed = chain_processed + $8, failed = failed + $9,
       api_calls = api_calls + $10, cursor_user_id = $11::uuid, heartbeat_at = now()
     where id = (select id from live)
     returning (select count(*) from recorded)::int as recorded`,
    [
      runId,
      differing,
      reasons,
      page.movedContacts.map((moved) => moved.userId),
      page.movedContacts.map((moved) => moved.contactId),
      DIFFERENCE_KIND,
      JSON.stringify(errors),
      page.checked,
      differing.length,
      page.calls,
      cursor,
    ],
  );
  if (rows.length !== 1) throw new SyncRunLostError(runId);
}

export async function closeVerifyRun(
  db: Queryable,
  runId: number,
  status: "succeeded" | "failed" | "paused",
  message: string,
): Promise<void> {
  await db.query(
    `update crm_sync.runs set status = $2, message = concat_ws(' ', message, $3::text), stopped_phase = phase, phase = 'done',
       finished_at = now(), heartbeat_at = now()
     where id = $1 and status = 'running'`,
    [runId, status, message],
  );
}
