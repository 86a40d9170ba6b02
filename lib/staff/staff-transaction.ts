/**
 * Shared building blocks of every staff mutation (each runs in one `inTransaction` from
 * lib/db/queryable.ts, which also drops a connection that died mid-way): the lock that
 * makes the last-admin rule safe under concurrency, lookups by email, and the audit row.
 */
import type pg from "pg";
import { writeAudit } from "@/lib/audit/write-audit";
import { StaffError } from "./staff-error";
import { toStaffMember, type StaffActor, type StaffMember, type StaffRole } from "./staff-schema";

/**
 * Locks every admin row, always in user_id order so two changes cannot deadlock. A concurrent
 * demotion waits here; when it resumes, Postgres re-checks `role = 'admin'` on the rows it
 * waited for, so it sees the other demotion and refuses instead of leaving zero admins.
 * Every mutation calls this first, before touching its own target row.
 */
export async function lockAdminIds(client: pg.PoolClient): Promise<string[]> {
  const { rows } = await client.query<{ user_id: string }>(
    "select user_id from crm_sync.staff where role = 'admin' order by user_id for update",
  );
  return rows.map((row) => row.user_id);
}

/** Serialises changes to one user (two concurrent adds of the same new member) without touching auth.users. */
export async function lockUser(client: pg.PoolClient, userId: string): Promise<void> {
  await client.query("select pg_advisory_xact_lock(hashtextextended($1, 727401004))", [userId]);
}

export function assertNotLastAdmin(adminIds: string[], member: StaffMember, nextRole: StaffRole | null): void {
  if (member.role !== "admin" || nextRole === "admin") return;
  if (adminIds.some((id) => id !== member.userId)) return;
  const what = nextRole ? `demote ${member.email} to ${nextRole}` : `remove ${member.email}`;
  throw new StaffError("last_admin", `Cannot ${what}: they are the last admin. Make someone else admin first.`);
}

/**
 * Finds the auth user for an email, case-insensitively. auth.users' unique index is
 * case-sensitive, so `Maria@x.com` and `maria@x.com` can both exist: an exact match wins,
 * otherwise several candidates are an error rather than a guess.
 */
export async function findAuthUserByEmail(
  client: pg.PoolClient,
  email: string,
): Promise<{ id: string; email: string }> {
  const { rows } = await client.query<{ id: string; email: string; confirmed: boolean }>(
    `select id, email, email_confirmed_at is not null as confirmed from auth.users
      where lower(btrim(email)) = lower($1) and deleted_at is null
      order by (email = $1) desc, created_at`,
    [email],
  );
  const match = rows.find((row) => row.email === email) ?? (rows.length === 1 ? rows[0]! : undefined);
  if (match) return requireConfirmed(match);
  if (rows.length === 0)
    throw new StaffError(
      "user_not_found",
      `No user with email ${email}. They must sign up (or be invited in Supabase Auth) first.`,
    );
  throw new StaffError(
    "ambiguous_email",
    `Several users match ${email} when ignoring case (${rows.map((row) => row.email).join(", ")}); type the exact email.`,
  );
}

/**
 * Whoever registers an address first owns the account until the address is confirmed: granting a
 * role to an unconfirmed account would hand it to a stranger who signed up with a staff address.
 */
function requireConfirmed(user: { id: string; email: string; confirmed: boolean }): { id: string; email: string } {
  if (!user.confirmed) {
    throw new StaffError(
      "email_not_confirmed",
      `${user.email} has not confirmed their email address yet. A role can only be granted to a confirmed account: ` +
        "whoever registered the address first would otherwise get it. Ask them to confirm it (or confirm it in Supabase Auth), then try again.",
    );
  }
  return { id: user.id, email: user.email };
}

const STAFF_COLUMNS =
  "s.user_id, coalesce(u.email::text, s.email) as email, s.role, s.created_at, s.created_by, s.updated_at";

export async function findStaffByUserId(client: pg.PoolClient, userId: string): Promise<StaffMember | null> {
  const { rows } = await client.query(
    `select ${STAFF_COLUMNS} from crm_sync.staff s left join auth.users u on u.id = s.user_id
      where s.user_id = $1 for update of s`,
    [userId],
  );
  return rows[0] ? toStaffMember(rows[0]) : null;
}

/** Staff member by email (current auth email or the copy kept in staff), same exact-match rule as above. */
export async function findStaffByEmail(client: pg.PoolClient, email: string): Promise<StaffMember> {
  const { rows } = await client.query(
    `select ${STAFF_COLUMNS} from crm_sync.staff s left join auth.users u on u.id = s.user_id
      where lower(btrim(coalesce(u.email::text, s.email))) = lower($1) or lower(s.email) = lower($1)
      order by s.user_id for update of s`,
    [email],
  );
  const members = rows.map(toStaffMember);
  const exact = members.find((member) => member.email === email);
  if (exact) return exact;
  if (members.length === 1) return members[0]!;
  if (members.length === 0) throw new StaffError("not_staff", `${email} is not a staff member.`);
  throw new StaffError(
    "ambiguous_email",
    `Several staff members match ${email} when ignoring case; type the exact email.`,
  );
}

export function writeStaffAudit(
  client: pg.PoolClient,
  actor: StaffActor,
  action: "staff.add" | "staff.role_change" | "staff.remove",
  target: string,
  details: Record<string, unknown>,
): Promise<void> {
  return writeAudit(client, actor, action, target, details);
}

const RETURNING = "returning user_id, email, role, created_at, created_by, updated_at";

/** Role change shared by addStaff (upsert) and changeRole; the caller holds the admin locks. */
export async function applyRoleChange(
  client: pg.PoolClient,
  actor: StaffActor,
  adminIds: string[],
  member: StaffMember,
  role: StaffRole,
): Promise<{ change: "role_changed" | "unchanged"; member: StaffMember; previousRole: StaffRole }> {
  if (member.role === role) return { change: "unchanged", member, previousRole: member.role };
  assertNotLastAdmin(adminIds, member, role);
  const { rows } = await client.query(
    `update crm_sync.staff set role = $2, email = $3, updated_at = now() where user_id = $1 ${RETURNING}`,
    [member.userId, role, member.email],
  );
  await writeStaffAudit(client, actor, "staff.role_change", member.email, { from: member.role, to: role });
  return { change: "role_changed", member: toStaffMember(rows[0]), previousRole: member.role };
}

export async function insertStaff(
  client: pg.PoolClient,
  actor: StaffActor,
  user: { id: string; email: string },
  role: StaffRole,
): Promise<StaffMember> {
  const { rows } = await client.query(
    `insert into crm_sync.staff (user_id, email, role, created_by) values ($1, $2, $3, $4) ${RETURNING}`,
    [user.id, user.email, role, actor.id ?? null],
  );
  await writeStaffAudit(client, actor, "staff.add", user.email, { role });
  return toStaffMember(rows[0]);
}
