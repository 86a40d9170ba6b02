/**
 * Creates Supabase Auth users directly in auth.users, the way GoTrue stores them: lower-cased
 * email, bcrypt hash made by pgcrypto (`extensions.crypt`/`gen_salt('bf')`), provider "email".
 * Used by the demo seed, the tests and the stand-in's admin endpoint.
 */
import { z } from "zod";
import { findLiveUserById, type Queryable, type UserRow } from "./user-record";

export interface CreateAuthUserInput {
  email: string;
  password: string;
  /** Default true: unconfirmed users cannot sign in (`email_not_confirmed`). */
  emailConfirmed?: boolean;
  appMetadata?: Record<string, unknown>;
  userMetadata?: Record<string, unknown>;
  /**
   * bcrypt cost, default 10 like GoTrue. Bulk seeding may go down to 4: each step halves the
   * hashing time, and sign-in checks whatever cost the stored hash carries.
   */
  bcryptCost?: number;
}

export interface CreatedAuthUser {
  id: string;
  email: string;
  user: UserRow;
}

const inputSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1, "password must not be empty").max(72, "bcrypt only uses the first 72 bytes"),
  emailConfirmed: z.boolean().default(true),
  appMetadata: z.record(z.string(), z.unknown()).default({}),
  userMetadata: z.record(z.string(), z.unknown()).default({}),
  bcryptCost: z.number().int().min(4).max(15).default(10),
});

export class AuthUserExistsError extends Error {
  constructor(readonly email: string) {
    super(`A user with this email address has already been registered: ${email}`);
    this.name = "AuthUserExistsError";
  }
}

const UNIQUE_VIOLATION = "23505";

export async function createAuthUser(db: Queryable, input: CreateAuthUserInput): Promise<CreatedAuthUser> {
  const parsed = inputSchema.parse(input);
  const appMetadata = { provider: "email", providers: ["email"], ...parsed.appMetadata };
  let id: string;
  try {
    const { rows } = await db.query<{ id: string }>(
      `insert into auth.users (instance_id, aud, role, email, encrypted_password, email_confirmed_at,
         raw_app_meta_data, raw_user_meta_data, created_at, updated_at, is_sso_user, is_anonymous)
       values ('00000000-0000-0000-0000-000000000000', 'authenticated', 'authenticated', $1,
         extensions.crypt($2, extensions.gen_salt('bf', $3::int)), case when $4::boolean then now() end,
         $5::jsonb, $6::jsonb, now(), now(), false, false)
       returning id::text as id`,
      [
        parsed.email,
        parsed.password,
        parsed.bcryptCost,
        parsed.emailConfirmed,
        JSON.stringify(appMetadata),
        JSON.stringify(parsed.userMetadata),
      ],
    );
    id = z.string().parse(rows[0]?.id);
  } catch (error) {
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw new AuthUserExistsError(parsed.email);
    throw error;
  }
  const user = await findLiveUserById(db, id);
  if (!user) throw new Error(`auth user ${id} vanished right after insert`);
  return { id, email: parsed.email, user };
}
