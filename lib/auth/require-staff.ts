import "server-only";
import { redirect } from "next/navigation";
import { getStaffSession, type SessionUser } from "./get-staff-session";
import { LOGIN_PATH } from "./paths";
import { hasRole, type StaffRole } from "./roles";

export const NO_ACCESS_PATH = "/no-access";

export interface StaffUser {
  user: SessionUser;
  role: StaffRole;
}

/**
 * For pages and layouts: returns the staff member or leaves via redirect. Anonymous → /login,
 * signed in but not staff → /no-access, staff below `minRole` → /no-access?need=<role>.
 */
export async function requireStaff(minRole: StaffRole = "viewer"): Promise<StaffUser> {
  const session = await getStaffSession();
  if (session.kind === "anonymous") redirect(LOGIN_PATH);
  if (session.kind === "not_staff") redirect(NO_ACCESS_PATH);
  if (!hasRole(session.role, minRole)) redirect(`${NO_ACCESS_PATH}?need=${minRole}`);
  return { user: session.user, role: session.role };
}
