import { z } from "zod";
import {
  parseStaffInput,
  staffActorSchema,
  staffEmailSchema,
  staffRoleSchema,
  type StaffActor,
  type StaffChange,
  type StaffPool,
} from "./staff-schema";
import { inTransaction } from "@/lib/db/queryable";
import {
  applyRoleChange,
  findAuthUserByEmail,
  findStaffByUserId,
  insertStaff,
  lockAdminIds,
  lockUser,
} from "./staff-transaction";

const addStaffInputSchema = z.object({ email: staffEmailSchema, role: staffRoleSchema });

/**
 * Grants a role to an existing auth user (matched by email, case-insensitively). Adding someone
 * who is already staff changes their role: an upsert, so the CLI's `add` doubles as "set role".
 */
export async function addStaff(
  pool: StaffPool,
  actor: StaffActor,
  input: { email: string; role: string },
): Promise<StaffChange> {
  const who = parseStaffInput(staffActorSchema, actor, "actor");
  const { email, role } = parseStaffInput(addStaffInputSchema, input, "staff member");
  return inTransaction(pool, async (client) => {
    const adminIds = await lockAdminIds(client);
    const user = await findAuthUserByEmail(client, email);
    await lockUser(client, user.id);
    const existing = await findStaffByUserId(client, user.id);
    if (existing) return applyRoleChange(client, who, adminIds, { ...existing, email: user.email }, role);
    return { change: "added", member: await insertStaff(client, who, user, role), previousRole: null };
  });
}
