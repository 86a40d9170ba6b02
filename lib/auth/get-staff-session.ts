import "server-only";
import { isAuthRetryableFetchError } from "@supabase/supabase-js";
import { cache } from "react";
import { z } from "zod";
import { getPool } from "@/lib/db/pool";
import { createClient } from "@/lib/supabase/server";
import { AuthServiceUnavailableError } from "./errors";
import { staffRoleSchema, type StaffRole } from "./roles";

export interface SessionUser {
  id: string;
  email: string;
}

export type StaffSession =
  | { kind: "anonymous" }
  | { kind: "not_staff"; user: SessionUser }
  | { kind: "staff"; user: SessionUser; role: StaffRole };

const claimsSchema = z.object({ sub: z.uuid(), email: z.string().optional() });
const staffRowSchema = z.object({ role: staffRoleSchema, email: z.string() });

/**
 * Who is calling, checked on the server: the JWT is verified by getClaims() (JWKS), the role comes
 * from crm_sync.staff. Joining auth.users makes deleting or banning a user take effect at once
 * instead of when their access token expires; an account whose email is unconfirmed is never staff (its
 * owner is not proven: whoever registered the address first holds it). Cached per request: layout and page share one lookup.
 */
export const getStaffSession = cache(async (): Promise<StaffSession> => {
  const supabase = await createClient();
  const { data, error } = await supabase.auth.getClaims();
  // A network failure is not "signed out": treating it so would bounce staff to /login.
  if (error && isAuthRetryableFetchError(error)) throw new AuthServiceUnavailableError({ cause: error });
  if (!data?.claims) return { kind: "anonymous" };

  const claims = claimsSchema.parse(data.claims);
  const { rows } = await getPool().query(
    `select s.role, s.email
       from crm_sync.staff s
       join auth.users u on u.id = s.user_id
      where s.user_id = $1
        and u.deleted_at is null
        and u.email_confirmed_at is not null
        and (u.banned_until is null or u.banned_until <= now())`,
    [claims.sub],
  );
  const staff = rows[0] === undefined ? undefined : staffRowSchema.parse(rows[0]);
  const user = { id: claims.sub, email: claims.email ?? staff?.email ?? "" };
  return staff ? { kind: "staff", user, role: staff.role } : { kind: "not_staff", user };
});
