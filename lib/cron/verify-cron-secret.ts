/**
 * The cron route's only credential: `Authorization: Bearer <CRON_SECRET>` (what Vercel Cron sends).
 * Framework-free so it is unit-tested without Next.
 */
import { createHash, timingSafeEqual } from "node:crypto";

const BEARER = /^Bearer (.+)$/;

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

/**
 * True only when a secret is configured and the header carries exactly it. Both sides are hashed
 * first: timingSafeEqual needs equal lengths (it throws otherwise), and comparing fixed-size digests
 * keeps the secret's length from leaking through an early return.
 * An unset or empty secret refuses everything: a missing env var must never open the route.
 */
export function isAuthorizedCronRequest(
  authorization: string | null | undefined,
  secret: string | null | undefined,
): boolean {
  if (!secret) return false;
  const presented = BEARER.exec(authorization ?? "")?.[1] ?? "";
  const isEqual = timingSafeEqual(digest(presented), digest(secret));
  return isEqual && presented.length > 0;
}
