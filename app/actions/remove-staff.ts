"use server";
import { z } from "zod";
import { staffAction } from "@/lib/actions/staff-action";
import { getPool } from "@/lib/db/pool";
import { removeStaff as removeStaffMember } from "@/lib/staff";

const inputSchema = z.strictObject({ email: z.string().trim().min(1).max(320) });

/** Revokes a staff member's access; the last admin cannot be removed (admins only; lib/staff audits it). */
export const removeStaff = staffAction("admin", inputSchema, async (input, { actor }) => {
  const result = await removeStaffMember(getPool(), actor, input.email);
  return { email: result.member.email, role: result.member.role };
});
