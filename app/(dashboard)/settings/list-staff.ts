import "server-only";
import type pg from "pg";
import { z } from "zod";
import { staffRoleSchema } from "@/lib/auth/roles";

const staffRowSchema = z.object({
  user_id: z.uuid(),
  email: z.string(),
  role: staffRoleSchema,
  created_at: z.date(),
});

export type StaffMember = z.infer<typeof staffRowSchema>;

/** Admins first, then operators, then viewers; alphabetical within a role. */
export async function listStaff(pool: pg.Pool): Promise<StaffMember[]> {
  const { rows } = await pool.query(
    `select user_id, email, role, created_at
       from crm_sync.staff
      order by array_position(array['admin', 'operator', 'viewer'], role), lower(email)`,
  );
  return z.array(staffRowSchema).parse(rows);
}
