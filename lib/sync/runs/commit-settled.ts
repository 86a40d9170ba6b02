/**
 * Records a settled prefix of the ledger in ONE statement (data-modifying CTEs, atomic like a
 * transaction, one round trip, nothing for a transaction pooler to split): contact_state for the
 * rows HubSpot confirmed, run_errors for every issue (email NULL for a learner without one; a live
 * run's email issues only when new or changed, see LEARNER_ISSUE_KINDS), the run's counters,
 * cursor and heartbeat, and the HubSpot calls made since the last commit, added to the account
 * day's count (crm_sync.hubspot_daily_usage; docs/ARCHITECTURE.md, "Daily quota").
 * Because the cursor moves together with the state it summarises, a crash can never leave a cursor
 * ahead of the recorded work. The writes only happen while the run is still `running` and held by
 * this process's lease token; a run taken over by another process gets SyncRunLostError instead.
 */
import type { Queryable } from "@/lib/db/queryable";
import type { LedgerEntry } from "../execute/run-ledger";
import { SyncRunLostError } from "../sync-errors";
import type { SyncPhase } from "../sync-types";

/**
 * Issues a live run finds again on every run for the same learner until someone fixes the data.
 * They live in crm_sync.learner_issues (one row per learner and kind); run_errors gets the event
 * only when the issue is new or its text changed, so repeated runs add nothing.
 */
export const LEARNER_ISSUE_KINDS = ["missing_email", "invalid_email", "duplicate_email"] as const;

export interface CallStats {
  writeCalls: number;
  apiCalls: number;
  rateLimited: number;
  retries: number;
}

export interface SettledCounts {
  processed: number;
  upserted: number;
  unchanged: number;
  failed: number;
  invalid: number;
  warnings: number;
}

export function countSettled(entries: readonly LedgerEntry[]): SettledCounts {
  const counts: SettledCounts = {
    processed: entries.length,
    upserted: 0,
    unchanged: 0,
    failed: 0,
    invalid: 0,
    warnings: 0,
  };
  for (const entry of entries) {
    if (entry.outcome === "unchanged") counts.unchanged += 1;
    else if (entry.outcome === "invalid") counts.invalid += 1;
    else if (entry.result?.ok) counts.upserted += 1;
    else counts.failed += 1;
    counts.warnings += entry.issues.filter((issue) => issue.kind === "data_warning").length;
  }
  return counts;
}

export interface CommitInput {
  runId: number;
  entries: readonly LedgerEntry[];
  /** False in dry runs: nothing was confirmed by HubSpot. */
  shouldWriteContactState: boolean;
  stats: CallStats;
  phase: SyncPhase;
  /** The run's owner token (run-lease.ts): nothing is written unless this process still holds the run. */
  leaseToken: string;
  /** The account day (and its zone) the calls since the last commit are counted on; null: not counted. */
  usage?: UsageDay | null;
}

export interface UsageDay {
  day: string;
  timeZone: string;
}

/**
 * contact_state for confirmed rows. `payload`: merged over the previous one, so a --levels run keeps
 * the other levels' confirmed values. The placeholders are the caller's: run id, the five arrays,
 * and a `live` CTE that fences the write.
 */
function upsertContactState(p: {
  runId: string;
  userIds: string;
  emails: string;
  hubspotIds: string;
  hashes: string;
  payloads: string;
}): string {
  return `insert into crm_sync.contact_state (user_id, email, hubspot_id, payload_hash, payload, synced_at, run_id)
       select s.user_id, s.email, s.hubspot_id, s.payload_hash, s.payload, now(), ${p.runId}
       from unnest(${p.userIds}::uuid[], ${p.emails}::text[], ${p.hubspotIds}::text[], ${p.hashes}::text[], ${p.payloads}::jsonb[])
         as s(user_id, email, hubspot_id, payload_hash, payload)
       where exists (select 1 from live)
       on conflict (user_id) do update set email = excluded.email,
         hubspot_id = coalesce(excluded.hubspot_id, crm_sync.contact_state.hubspot_id),
         payload_hash = excluded.payload_hash, synced_at = excluded.synced_at, run_id = excluded.run_id,
         payload = coalesce(crm_sync.contact_state.payload, '{}'::jsonb) || excluded.payload,
         resend_requested_at = null, resend_reason = null
       returning 1`;
}

/**
 * Adds the run's calls since its last recorded count (`api_calls` on the row, which the same
 * statement then sets to `$calls`) to the account day's usage. Needs the `live` CTE.
 */
export function addUsage(p: { runId: string; calls: string; day: string; timeZone: string }): string {
  return `insert into crm_sync.hubspot_daily_usage as u (day, time_zone, calls)
       select ${p.day}::date, ${p.timeZone}::text, ${p.calls}::int - r.api_calls from crm_sync.runs r
       where r.id = ${p.runId} and exists (select 1 from live) and ${p.day}::date is not null and ${p.calls}::int > r.api_calls
       on conflict (day) do update set calls = u.calls + excluded.calls, time_zone = excluded.time_zone, updated_at = now()
       returning 1`;
}

function confirmedRows(entries: readonly LedgerEntry[]) {
  const confirmed = entries.filter((entry) => entry.outcome === "upsert" && entry.result?.ok);
  return {
    count: confirmed.length,
    userIds: confirmed.map((entry) => entry.userId),
    emails: confirmed.map((entry) => entry.email),
    hubspotIds: confirmed.map((entry) => (entry.result?.ok ? entry.result.hubspotId : null)),
    hashes: confirmed.map((entry) => entry.hash),
    payloads: confirmed.map((entry) => JSON.stringify(entry.input?.properties ?? {})),
  };
}

export async function commitSettled(db: Queryable, input: CommitInput): Promise<SettledCounts> {
  const counts = countSettled(input.entries);
  const confirmed = confirmedRows(input.shouldWriteContactState ? input.entries : []);
  const issues = input.entries.flatMap((entry) =>
    entry.issues.map((issue) => ({
      user_id: entry.userId,
      email: entry.email,
      level: issue.level,
      kind: issue.kind,
      message: issue.message,
      payload: issue.payload,
    })),
  );
  const cursor = input.entries.at(-1)?.userId ?? null;
  const { rows } = await db.query(
    `with live as (
       select id from crm_sync.runs where id = $1 and status = 'running' and lease_token = $22::uuid
     ), confirmed as (
       ${upsertContactState({ runId: "$1", userIds: "$2", emails: "$3", hubspotIds: "$4", hashes: "$5", payloads: "$23" })}
     ), usage as (
       ${addUsage({ runId: "$1", calls: "$15", day: "$24", timeZone: "$25" })}
     ), issues as (
       select * from jsonb_to_recordset($6::jsonb) as e(user_id uuid, email text, level text, kind text, message text, payload jsonb)
     ), learner_issue as (
       -- Live runs keep email issues once per learner and kind; only a new or changed one is returned.
       insert into crm_sync.learner_issues as li (user_id, kind, email, message, first_seen_run_id, changed_run_id)
       select i.user_id, i.kind, nullif(i.email, ''), i.message, $1, $1 from issues i
       where $19::boolean and i.user_id is not null and i.kind = any($20::text[]) and exists (select 1 from live)
       on conflict (user_id, kind) do update set email = excluded.email, message = excluded.message,
         changed_run_id = excluded.changed_run_id, changed_at = now()
       where (li.email, li.message) is distinct from (excluded.email, excluded.message)
       returning li.user_id, li.kind
     ), resolved as (
       delete from crm_sync.learner_issues li
       where $19::boolean and li.user_id = any($21::uuid[]) and exists (select 1 from live)
         and not exists (select 1 from issues i where i.user_id = li.user_id and i.kind = li.kind)
       returning 1
     ), recorded as (
       insert into crm_sync.run_errors (run_id, user_id, email, level, kind, message, payload)
       select $1, e.user_id, nullif(e.email, ''), e.level, e.kind, e.message, e.payload
       from issues e
       where exists (select 1 from live)
         and (not $19::boolean or not (e.kind = any($20::text[]))
              or exists (select 1 from learner_issue n where n.user_id = e.user_id and n.kind = e.kind))
       returning 1
     )
     update crm_sync.runs set cursor_user_id = coalesce($7::uuid, cursor_user_id),
       processed = processed + $8, chain_processed = chain_processed + $8, upserted = upserted + $9,
       unchanged = unchanged + $10, failed = failed + $11, invalid = invalid + $12, warnings = warnings + $13,
       write_calls = $14, api_calls = $15, rate_limited = $16, retries = $17, phase = $18, heartbeat_at = now()
     where id = (select id from live)
     returning (select count(*) from confirmed)::int as confirmed, (select count(*) from recorded)::int as recorded`,
    [
      input.runId,
      confirmed.userIds,
      confirmed.emails,
      confirmed.hubspotIds,
      confirmed.hashes,
      JSON.stringify(issues),
      cursor,
      counts.processed,
      counts.upserted,
      counts.unchanged,
      counts.failed,
      counts.invalid,
      counts.warnings,
      input.stats.writeCalls,
      input.stats.apiCalls,
      input.stats.rateLimited,
      input.stats.retries,
      input.phase,
      input.shouldWriteContactState,
      LEARNER_ISSUE_KINDS,
      input.entries.map((entry) => entry.userId),
      input.leaseToken,
      confirmed.payloads,
      input.usage?.day ?? null,
      input.usage?.timeZone ?? null,
    ],
  );
  if (rows.length !== 1) throw new SyncRunLostError(input.runId);
  return counts;
}

/**
 * At a daily-quota pause: records the contacts HubSpot confirmed in batches answered AFTER a batch
 * it refused (up to maxConcurrentBatches − 1 were in flight). The cursor cannot move past the
 * refused batch, so the continuation reads these learners again; with their confirmed payload hash
 * recorded here they classify as unchanged and are not sent twice. Fenced like every write.
 */
export async function recordConfirmedAhead(
  db: Queryable,
  input: { runId: number; entries: readonly LedgerEntry[]; leaseToken: string },
): Promise<number> {
  const confirmed = confirmedRows(input.entries);
  if (confirmed.count === 0) return 0;
  const { rows } = await db.query(
    `with live as (
       select id from crm_sync.runs where id = $1 and status = 'running' and lease_token = $7::uuid
     ), confirmed as (
       ${upsertContactState({ runId: "$1", userIds: "$2", emails: "$3", hubspotIds: "$4", hashes: "$5", payloads: "$6" })}
     )
     select (select count(*) from confirmed)::int as confirmed, exists (select 1 from live) as is_live`,
    [
      input.runId,
      confirmed.userIds,
      confirmed.emails,
      confirmed.hubspotIds,
      confirmed.hashes,
      confirmed.payloads,
      input.leaseToken,
    ],
  );
  if (rows[0]?.is_live !== true) throw new SyncRunLostError(input.runId);
  return Number(rows[0].confirmed);
}
