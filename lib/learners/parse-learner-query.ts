/**
 * What staff type into the learner lookup: a user id (a uuid, any case) or an email, whole or in
 * part. Emails are normalised the way the sync normalises them (trim + lower case, see
 * lib/sync/plan/normalize-email.ts), so " Ana@Example.com " finds the learner the sync sent as
 * "ana@example.com".
 */
import { z } from "zod";
import { normalizeEmail } from "@/lib/sync/plan/normalize-email";

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Longer than any email (254) with room to spare; anything longer is not a lookup. */
export const MAX_QUERY_LENGTH = 320;

export type LearnerQuery = { kind: "user_id"; userId: string } | { kind: "email"; email: string };

export const learnerQuerySchema = z
  .string()
  .max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`)
  .transform((raw) => normalizeEmail(raw))
  .refine((value) => value.length > 0, "type an email or a user id");

/** `?q=` as Next hands it over; a repeated parameter uses its first value. */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Returns the query, or the reason it cannot be one. */
export function parseLearnerQuery(raw: string): { ok: true; query: LearnerQuery } | { ok: false; message: string } {
  const parsed = learnerQuerySchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "not a valid lookup" };
  const value = parsed.data;
  // Lower-cased above: a uuid pasted in upper case from another tool is the same id.
  return UUID_PATTERN.test(value)
    ? { ok: true, query: { kind: "user_id", userId: value } }
    : { ok: true, query: { kind: "email", email: value } };
}
