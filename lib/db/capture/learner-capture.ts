/**
 * Change capture for the learners view (docs/ARCHITECTURE.md, "Change capture"): row-level triggers
 * on auth.users queue a learner who joins, leaves (deleted, banned) or changes email, so a run no
 * longer compares the whole view with crm_sync.contact_state to find them. Only for a learners view
 * this app shipped, whose every input the triggers (and crm_sync.staff's own trigger) see; a
 * customised view, or a role without the TRIGGER privilege on auth.users, keeps the full comparison
 * (`compare`, with the reason). Installing makes the capture untrusted until a complete live pass
 * that compared every learner afterwards (`trusted_since`, set by completeRunSelection).
 * When nothing changed: one catalog/state read per run.
 */
import { z } from "zod";
import type { Database, Queryable } from "../queryable";
import { inTransaction } from "../queryable";

export type LearnerCaptureMode = "triggers" | "compare";

export interface LearnerCaptureState {
  mode: LearnerCaptureMode;
  reason: string | null;
  installedAt: Date | null;
  /** Null: the queue alone cannot say who joined, left or changed email yet; runs compare in full. */
  trustedSince: Date | null;
  /** removed_learners as the last complete live pass applied it (learner-capture.ts, completeRunSelection). */
  removedPolicy: string | null;
}

export const LEARNER_TRIGGER_NAMES = [
  "crm_sync_capture_learner_ins",
  "crm_sync_capture_learner_upd",
  "crm_sync_capture_learner_del",
  "crm_sync_capture_learner_trunc",
] as const;

/**
 * The columns of auth.users the shipped views read. An update that changes none of them (a sign-in
 * sets last_sign_in_at) does not even call the trigger function.
 */
const CREATE_TRIGGERS_SQL = [
  "create trigger crm_sync_capture_learner_ins after insert on auth.users for each row execute function crm_sync.capture_learner_changes()",
  `create trigger crm_sync_capture_learner_upd after update on auth.users for each row
   when (old.id is distinct from new.id or old.email is distinct from new.email
         or old.deleted_at is distinct from new.deleted_at or old.banned_until is distinct from new.banned_until)
   execute function crm_sync.capture_learner_changes()`,
  "create trigger crm_sync_capture_learner_del after delete on auth.users for each row execute function crm_sync.capture_learner_changes()",
  "create trigger crm_sync_capture_learner_trunc after truncate on auth.users for each statement execute function crm_sync.capture_learner_truncate()",
];

/**
 * The definitions of crm_sync.learners this app shipped whose inputs are all captured: as of
 * migration 20261207030000 (every auth user not deleted or banned; staff without progress are left
 * out by the sync), and as of 20261206060000 (staff left out in the view; crm_sync.staff has its
 * own trigger). Compared as Postgres prints them (pg_get_viewdef), as the migrations do.
 */
const SHIPPED_LEARNERS_VIEWS = [
  `select u.id as user_id, u.email::text as email from auth.users u
   where u.deleted_at is null and (u.banned_until is null or u.banned_until <= now())`,
  `select u.id as user_id, u.email::text as email from auth.users u
   where u.deleted_at is null and (u.banned_until is null or u.banned_until <= now())
     and not exists (select 1 from crm_sync.staff s where s.user_id = u.id)`,
];

const CUSTOM_VIEW_REASON =
  "crm_sync.learners has a custom definition: every run compares all learners with what HubSpot last confirmed";
const LOCK_BUSY_REASON =
  "auth.users was busy (locked) when the capture triggers were to be installed: this run compares all learners, the next tries again";
const NO_PRIVILEGE_REASON =
  "the database role may not create triggers on auth.users (TRIGGER privilege missing): every run compares all learners";

const seenSchema = z.object({
  definition: z.string().nullable(),
  can_trigger: z.boolean(),
  triggers: z.number().int(),
  enabled_triggers: z.number().int(),
  mode: z.enum(["triggers", "compare"]).nullable(),
  reason: z.string().nullable(),
  view_definition: z.string().nullable(),
  installed_at: z.date().nullable(),
  trusted_since: z.date().nullable(),
  removed_policy: z.string().nullable(),
});
type Seen = z.infer<typeof seenSchema>;

async function readSeen(db: Queryable): Promise<Seen> {
  const { rows } = await db.query(
    `select pg_get_viewdef(to_regclass('crm_sync.learners')) as definition,
            coalesce(has_table_privilege(to_regclass('auth.users'), 'TRIGGER'), false) as can_trigger,
            (select count(*)::int from pg_trigger t
             where t.tgrelid = to_regclass('auth.users') and t.tgname = any($1::text[])) as triggers,
            -- A trigger someone disabled (ALTER TABLE … DISABLE TRIGGER, or ENABLE REPLICA) misses
            -- changes: only those that fire count as installed, the others are created again.
            (select count(*)::int from pg_trigger t
             where t.tgrelid = to_regclass('auth.users') and t.tgname = any($1::text[])
               and t.tgenabled in ('O', 'A')) as enabled_triggers,
            c.mode, c.reason, c.view_definition, c.installed_at, c.trusted_since, c.removed_policy
     from (select 1) as one left join crm_sync.learner_capture c on c.id`,
    [LEARNER_TRIGGER_NAMES],
  );
  return seenSchema.parse(rows[0]);
}

/** Whether `definition` is one of the shipped views, printed by this server (temporary views, rolled back). */
async function isShippedLearnersView(db: Database, definition: string): Promise<boolean> {
  const client = await db.connect();
  let isBroken = false;
  try {
    await client.query("begin");
    for (const [index, sql] of SHIPPED_LEARNERS_VIEWS.entries()) {
      await client.query("savepoint shipped_view");
      try {
        await client.query(`create temporary view crm_sync_learners_shipped_${index} as ${sql}`);
        const { rows } = await client.query(
          `select pg_get_viewdef('pg_temp.crm_sync_learners_shipped_${index}'::regclass) as definition`,
        );
        if (z.object({ definition: z.string() }).parse(rows[0]).definition === definition) return true;
      } catch {
        // A shipped definition this database cannot even build (no banned_until column…) is not the one in use.
        await client.query("rollback to savepoint shipped_view");
      }
    }
    return false;
  } finally {
    await client.query("rollback").catch(() => {
      isBroken = true;
    });
    client.release(isBroken);
  }
}

function toState(seen: Seen): LearnerCaptureState | null {
  if (!seen.mode) return null;
  return {
    mode: seen.mode,
    reason: seen.reason,
    installedAt: seen.installed_at,
    trustedSince: seen.trusted_since,
    removedPolicy: seen.removed_policy,
  };
}

async function dropTriggers(db: Queryable): Promise<void> {
  for (const name of LEARNER_TRIGGER_NAMES) {
    try {
      await db.query(`drop trigger if exists ${name} on auth.users`);
    } catch (error) {
      // Dropping needs ownership of auth.users; left in place, their queue entries are harmless.
      if ((error as { code?: unknown }).code !== "42501") throw error;
    }
  }
}

/**
 * Brings learner capture in line with the learners view and the role's privileges, and returns its
 * state. Decides again only when the view's definition, the privilege or the triggers changed.
 */
export async function ensureLearnerCapture(db: Database): Promise<LearnerCaptureState> {
  const seen = await readSeen(db);
  const definition = seen.definition ?? "";
  // Re-created (and trusted again only after a complete pass) when one was dropped or disabled.
  const isInstalled = seen.enabled_triggers === LEARNER_TRIGGER_NAMES.length;
  const isKnownDefinition = seen.mode !== null && seen.view_definition === definition;
  const isShipped = isKnownDefinition
    ? seen.reason !== CUSTOM_VIEW_REASON
    : seen.definition !== null && (await isShippedLearnersView(db, definition));
  const mode: LearnerCaptureMode = isShipped && seen.can_trigger ? "triggers" : "compare";
  const reason = mode === "triggers" ? null : isShipped ? NO_PRIVILEGE_REASON : CUSTOM_VIEW_REASON;
  const current = toState(seen);
  if (isKnownDefinition && current?.mode === mode && current.reason === reason && (mode === "compare" || isInstalled))
    return current;

  if (mode === "triggers" && !isInstalled && !(await installTriggers(db))) {
    return record(db, { mode: "compare", reason: LOCK_BUSY_REASON, definition, isNew: false });
  }
  if (mode === "compare" && seen.triggers > 0) await dropTriggers(db);
  const isNew = mode === "triggers" && (!isInstalled || current?.mode !== "triggers");
  return record(db, { mode, reason, definition, isNew });
}

/**
 * Creates the triggers; false when auth.users stayed locked: creating a trigger waits for every
 * transaction on the table and holds up Auth's own statements meanwhile, so it gives up quickly
 * and the next run tries again (this one compares every learner).
 */
async function installTriggers(db: Database): Promise<boolean> {
  try {
    await inTransaction(db, async (client) => {
      await client.query("set local lock_timeout = '2s'");
      for (const name of LEARNER_TRIGGER_NAMES) await client.query(`drop trigger if exists ${name} on auth.users`);
      for (const sql of CREATE_TRIGGERS_SQL) await client.query(sql);
      // Bans that end later were never seen by a trigger: record when each ends, once.
      await client.query(
        `insert into crm_sync.learner_rechecks (user_id, due_at)
         select id, banned_until from auth.users where banned_until > now() on conflict do nothing`,
      );
    });
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === "55P03") return false;
    throw error;
  }
}

async function record(
  db: Queryable,
  decided: { mode: LearnerCaptureMode; reason: string | null; definition: string; isNew: boolean },
): Promise<LearnerCaptureState> {
  const { mode, reason, definition, isNew } = decided;
  const { rows } = await db.query(
    `insert into crm_sync.learner_capture (id, mode, reason, view_definition, installed_at, trusted_since)
     values (true, $1, $2, $3, case when $1 = 'triggers' then now() end, null)
     on conflict (id) do update set mode = excluded.mode, reason = excluded.reason,
       view_definition = excluded.view_definition, updated_at = now(),
       installed_at = case when $4::boolean or excluded.mode <> 'triggers' then excluded.installed_at
                           else crm_sync.learner_capture.installed_at end,
       trusted_since = case when $4::boolean or excluded.mode <> 'triggers'
                              or crm_sync.learner_capture.view_definition is distinct from excluded.view_definition
                            then null else crm_sync.learner_capture.trusted_since end
     returning installed_at, trusted_since, removed_policy`,
    [mode, reason, definition, isNew],
  );
  const saved = seenSchema.pick({ installed_at: true, trusted_since: true, removed_policy: true }).parse(rows[0]);
  return {
    mode,
    reason,
    installedAt: saved.installed_at,
    trustedSince: saved.trusted_since,
    removedPolicy: saved.removed_policy,
  };
}
