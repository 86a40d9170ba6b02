import {
  parseStaffInput,
  staffActorSchema,
  staffEmailSchema,
  type StaffActor,
  type StaffChange,
  type StaffPool,
} from "./staff-schema";
import { inTransaction } from "@/lib/db/queryable";
import { assertNotLastAdmin, findStaffByEmail, lockAdminIds, lockUser, writeStaffAudit } from "./staff-transaction";

/** Revokes staff access (the auth user stays); refuses to remove the last admin. */
export async function removeStaff(pool: StaffPool, actor: StaffActor, email: string): Promise<StaffChange> {
  const who = parseStaffInput(staffActorSchema, actor, "actor");
  const target = parseStaffInput(staffEmailSchema, email, "email");
  return inTransaction(pool, async (client) => {
    const adminIds = await lockAdminIds(client);
    const member = await findStaffByEmail(client, target);
    await lockUser(client, member.userId);
    assertNotLastAdmin(adminIds, member, null);
    await client.query("delete from crm_sync.staff where user_id = $1", [member.userId]);
    await writeStaffAudit(client, who, "staff.remove", member.email, { role: member.role });
    return { change: "removed", member, previousRole: member.role };
  });
}
