import { toStaffMember, type StaffMember, type StaffPool } from "./staff-schema";

/** Staff ordered by power, then email; the email shown is the current one from auth.users. */
export async function listStaff(pool: Pick<StaffPool, "query">): Promise<StaffMember[]> {
  const { rows } = await pool.query(
    `select s.user_id, coalesce(u.email::text, s.email) as email, s.role, s.created_at, s.created_by, s.updated_at
       from crm_sync.staff s left join auth.users u on u.id = s.user_id
      order by array_position(array['admin', 'operator', 'viewer'], s.role), lower(coalesce(u.email::text, s.email))`,
  );
  return rows.map(toStaffMember);
}
