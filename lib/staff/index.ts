/** Staff management, framework-free: used by `npm run staff` and the settings page. */
export { addStaff } from "./add-staff";
export { changeRole } from "./change-role";
export { listStaff } from "./list-staff";
export { removeStaff } from "./remove-staff";
export { StaffError, type StaffErrorCode } from "./staff-error";
export {
  STAFF_ROLES,
  staffRoleSchema,
  type StaffActor,
  type StaffChange,
  type StaffChangeKind,
  type StaffMember,
  type StaffRole,
} from "./staff-schema";
