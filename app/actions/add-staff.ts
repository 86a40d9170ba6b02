"use server";
import { z } from "zod";
import { staffAction } from "@/lib/actions/staff-action";
import { getPool } from "@/lib/db/pool";
import { addStaff as addStaffMember, staffRoleSchema } from "@/lib/staff";

const inputSchema = z.strictObject({
  email: z.string().trim().min(1, "email is required").max(320),
  role: staffRoleSchema,
});

/** Gives an existing auth user a staff role (admins only; lib/staff audits it). */
export const addStaff = staffAction("admin", inputSchema, async (input, { actor }) => {
  const result = await addStaffMember(getPool(), actor, input);
  return {
    change: result.change,
    email: result.member.email,
    role: result.member.role,
    previousRole: result.previousRole,
  };
});
