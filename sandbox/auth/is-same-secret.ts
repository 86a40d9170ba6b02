import { timingSafeEqual } from "node:crypto";

/** Constant-time comparison of a presented key with a configured one. */
export function isSameSecret(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
