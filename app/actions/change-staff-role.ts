"use server";
import { z } from "zod";
import { staffAction } from "@/lib/actions/staff-action";
import { getPool } from "@/lib/db/pool";
import { changeRole, staffRoleSchema } from "@/lib/staff";

const inputSchema = z.strictObject({ email: z.string().trim().min(1).max(320), role: staffRoleSchema });

/** Changes a staff member's role; the last admin cannot be demoted (admins only; lib/staff audits it). */
export const changeStaffRole = staffAction("admin", inputSchema, async (input, { actor }) => {
  const result = await changeRole(getPool(), actor, input);
  return {
    change: result.change,
    email: result.member.email,
    role: result.member.role,
    previousRole: result.previousRole,
  };
});
