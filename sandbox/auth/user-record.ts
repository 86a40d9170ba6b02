/** auth.users rows as the stand-in reads them, and GoTrue's JSON rendering of a user. */
import type pg from "pg";
import { z } from "zod";

export type Queryable = pg.Pool | pg.ClientBase;

const metadata = z
  .record(z.string(), z.unknown())
  .nullable()
  .transform((value) => value ?? {});

export const userRowSchema = z.object({
  id: z.string(),
  aud: z.string().nullable(),
  role: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  email_confirmed_at: z.date().nullable(),
  phone_confirmed_at: z.date().nullable(),
  confirmed_at: z.date().nullable(),
  last_sign_in_at: z.date().nullable(),
  raw_app_meta_data: metadata,
  raw_user_meta_data: metadata,
  created_at: z.date().nullable(),
  updated_at: z.date().nullable(),
  banned_until: z.date().nullable(),
  deleted_at: z.date().nullable(),
  is_anonymous: z.boolean(),
  /** Computed in SQL so "banned" is judged by the database clock, like the bcrypt check. */
  is_banned: z.boolean(),
});
export type UserRow = z.infer<typeof userRowSchema>;

/** Select list producing a `UserRow`; `u` must alias auth.users. */
export const USER_COLUMNS = `u.id::text as id, u.aud, u.role, u.email, u.phone, u.email_confirmed_at,
  u.phone_confirmed_at, u.confirmed_at, u.last_sign_in_at, u.raw_app_meta_data, u.raw_user_meta_data,
  u.created_at, u.updated_at, u.banned_until, u.deleted_at, u.is_anonymous,
  coalesce(u.banned_until > now(), false) as is_banned`;

export function parseUserRow(row: unknown): UserRow {
  return userRowSchema.parse(row);
}

/** Soft-deleted users do not exist as far as the Auth API is concerned. */
export async function findLiveUserById(db: Queryable, id: string): Promise<UserRow | undefined> {
  const { rows } = await db.query(`select ${USER_COLUMNS} from auth.users u where u.id = $1 and u.deleted_at is null`, [
    id,
  ]);
  return rows[0] === undefined ? undefined : parseUserRow(rows[0]);
}

/** GoTrue's app_metadata always names the sign-in provider, whatever the row holds. */
export function appMetadataOf(user: UserRow): Record<string, unknown> {
  return { provider: "email", providers: ["email"], ...user.raw_app_meta_data };
}

const iso = (value: Date | null) => (value === null ? undefined : value.toISOString());

/**
 * GoTrue's `models.User` JSON: nullable timestamps are omitted (`omitempty`), a missing phone is
 * "" (NullString), and identities are listed (always empty here: no identities table).
 */
export function toUserJson(user: UserRow): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: user.id,
    aud: user.aud ?? "authenticated",
    role: user.role ?? "authenticated",
    email: user.email ?? "",
    email_confirmed_at: iso(user.email_confirmed_at),
    phone: user.phone ?? "",
    phone_confirmed_at: iso(user.phone_confirmed_at),
    confirmed_at: iso(user.confirmed_at),
    last_sign_in_at: iso(user.last_sign_in_at),
    app_metadata: appMetadataOf(user),
    user_metadata: user.raw_user_meta_data,
    identities: [],
    created_at: iso(user.created_at),
    updated_at: iso(user.updated_at),
    banned_until: iso(user.banned_until),
    is_anonymous: user.is_anonymous,
  };
  return Object.fromEntries(Object.entries(json).filter(([, value]) => value !== undefined));
}
