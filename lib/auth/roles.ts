/**
 * Staff roles and their order. Framework-free (no `server-only`): client components use hasRole to
 * hide controls, while the server checks again wherever data is touched.
 */
import { z } from "zod";

/** Lowest first: each role can do everything the roles before it can. */
export const STAFF_ROLES = ["viewer", "operator", "admin"] as const;

export const staffRoleSchema = z.enum(STAFF_ROLES);
export type StaffRole = z.infer<typeof staffRoleSchema>;

export function hasRole(role: StaffRole, min: StaffRole): boolean {
  return STAFF_ROLES.indexOf(role) >= STAFF_ROLES.indexOf(min);
}
