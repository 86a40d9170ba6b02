/**
 * A verify is recorded in crm_sync.runs (mode 'verify') so history and the run page show it: its
 * differences are its run_errors rows (kind `hubspot_differs`, payload { contactId, property,
 * hubspot, expected }), `processed` counts the contacts checked and `failed` the learners that
 * differ. Each page is recorded in one statement, together with the resend marks it sets.
 */
import { z } from "zod";
import type { Queryable } from "@/lib/db/queryable";
import { SyncRunLostError } from "../sync-errors";
import type { SyncActor, SyncTrigger } from "../sync-types";
import { CONTACT_GONE_PROPERTY, type VerifyDifference } from "./compare-contact";

export const DIFFERENCE_KIND = "hubspot_differs";

export async function startVerifyRun(
  db: Queryable,
  input: { trigger: SyncTrigger; actor: SyncActor; total: number },
): Promise<number> {
  const { rows } = await db.query(
    `insert into crm_sync.runs (mode, trigger, started_by, started_by_label, levels, total_learners, phase)
     values ('verify', $1, $2, $3, '{}', $4, 'syncing') returning id::int as id`,
    [input.trigger, input.actor.id ?? null, input.actor.label, input.total],
  );
  return z.object({ id: z.number().int() }).parse(rows[0]).id;
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

export async function recordVerifyPage(db: Queryable, runId: number, page: VerifyPage): Promise<void> {
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
       api_calls = api_calls + $10, heartbeat_at = now()
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
    ],
  );
  if (rows.length !== 1) throw new SyncRunLostError(runId);
}

export async function closeVerifyRun(
  db: Queryable,
  runId: number,
  status: "succeeded" | "failed",
  message: string,
): Promise<void> {
  await db.query(
    `update crm_sync.runs set status = $2, message = $3, phase = 'done', finished_at = now(), heartbeat_at = now()
     where id = $1 and status = 'running'`,
    [runId, status, message],
  );
}
