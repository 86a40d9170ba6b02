/**
 * Sign-in throttle in front of Supabase Auth: at most 5 failed attempts per account and 30 per
 * client IP in any 15 minutes. Kept in Postgres (crm_sync.sign_in_attempts) so every serverless
 * instance counts the same attempts. An attempt is reserved BEFORE the password goes to Supabase,
 * under advisory locks on its account and IP, so a burst of parallel guesses cannot slip past the
 * count; the attempt is then settled: kept when the credentials were wrong, removed otherwise,
 * and a success clears the account's failures. Unknown emails count like real ones, so the
 * throttle does not reveal which accounts exist. Framework-free: tested against Postgres.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { inTransaction, type Database, type Queryable } from "@/lib/db/queryable";

export interface SignInLimits {
  accountFailures: number;
  ipFailures: number;
  windowSeconds: number;
}

export const SIGN_IN_LIMITS: SignInLimits = { accountFailures: 5, ipFailures: 30, windowSeconds: 15 * 60 };

export type SignInReservation =
  | { kind: "allowed"; attemptId: number; accountKey: string }
  | { kind: "blocked"; scope: "account" | "ip"; retryAt: Date };

export type SignInOutcome = "succeeded" | "wrong_credentials" | "not_counted";

/** SHA-256, so typed emails (sometimes a password typed in the wrong field) and IPs are not stored in clear. */
const keyOf = (kind: string, value: string) => createHash("sha256").update(`${kind}:${value}`).digest("hex");

const retryRowSchema = z.object({ retry_at: z.date() }).optional();

/** When the `limit`-th newest attempt in the window leaves it; undefined while under the limit. */
async function retryAt(
  client: Queryable,
  column: "account_key" | "ip_key",
  key: string,
  limit: number,
  windowSeconds: number,
): Promise<Date | undefined> {
  const { rows } = await client.query(
    `select attempted_at + make_interval(secs => $2) as retry_at
       from crm_sync.sign_in_attempts
      where ${column} = $1 and attempted_at > now() - make_interval(secs => $2)
      order by attempted_at desc
      offset $3 limit 1`,
    [key, windowSeconds, limit - 1],
  );
  return retryRowSchema.parse(rows[0])?.retry_at;
}

export async function reserveSignInAttempt(
  db: Database,
  input: { email: string; ip: string },
  limits: SignInLimits = SIGN_IN_LIMITS,
): Promise<SignInReservation> {
  const accountKey = keyOf("account", input.email.trim().toLowerCase());
  const ipKey = keyOf("ip", input.ip);
  return inTransaction(db, async (client) => {
    // Always account then IP: two attempts never wait on each other's locks in opposite order.
    await client.query(
      "select pg_advisory_xact_lock(hashtextextended($1, 0)), pg_advisory_xact_lock(hashtextextended($2, 0))",
      [accountKey, ipKey],
    );
    await client.query("delete from crm_sync.sign_in_attempts where attempted_at < now() - make_interval(secs => $1)", [
      limits.windowSeconds,
    ]);
    const accountRetryAt = await retryAt(
      client,
      "account_key",
      accountKey,
      limits.accountFailures,
      limits.windowSeconds,
    );
    if (accountRetryAt) return { kind: "blocked", scope: "account", retryAt: accountRetryAt };
    const ipRetryAt = await retryAt(client, "ip_key", ipKey, limits.ipFailures, limits.windowSeconds);
    if (ipRetryAt) return { kind: "blocked", scope: "ip", retryAt: ipRetryAt };
    const { rows } = await client.query(
      "insert into crm_sync.sign_in_attempts (account_key, ip_key) values ($1, $2) returning id",
      [accountKey, ipKey],
    );
    const attemptId = z.coerce.number().int().parse(rows[0]?.id);
    return { kind: "allowed", attemptId, accountKey };
  });
}

export async function settleSignInAttempt(
  db: Queryable,
  reservation: { attemptId: number; accountKey: string },
  outcome: SignInOutcome,
): Promise<void> {
  if (outcome === "wrong_credentials") return;
  if (outcome === "succeeded") {
    await db.query("delete from crm_sync.sign_in_attempts where account_key = $1", [reservation.accountKey]);
  } else {
    await db.query("delete from crm_sync.sign_in_attempts where id = $1", [reservation.attemptId]);
  }
}

/** The login form's message for a blocked attempt. */
export function describeThrottle(blocked: { scope: "account" | "ip"; retryAt: Date }, now: Date = new Date()): string {
  const minutes = Math.max(1, Math.ceil((blocked.retryAt.getTime() - now.getTime()) / 60_000));
  const wait = `Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
  return blocked.scope === "account"
    ? `Too many failed sign-in attempts for this account. ${wait}`
    : `Too many failed sign-in attempts from your network. ${wait}`;
}
