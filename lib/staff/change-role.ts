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
import { applyRoleChange, findStaffByEmail, lockAdminIds, lockUser } from "./staff-transaction";

const changeRoleInputSchema = z.object({ email: staffEmailSchema, role: staffRoleSchema });

/** Changes the role of an existing staff member; refuses to demote the last admin. */
export async function changeRole(
  pool: StaffPool,
  actor: StaffActor,
  input: { email: string; role: string },
): Promise<StaffChange> {
  const who = parseStaffInput(staffActorSchema, actor, "actor");
  const { email, role } = parseStaffInput(changeRoleInputSchema, input, "role change");
  return inTransaction(pool, async (client) => {
    const adminIds = await lockAdminIds(client);
    const member = await findStaffByEmail(client, email);
    await lockUser(client, member.userId);
    return applyRoleChange(client, who, adminIds, member, role);
  });
}
