import type pg from "pg";
import { z } from "zod";
import { StaffError } from "./staff-error";

export const STAFF_ROLES = ["viewer", "operator", "admin"] as const;
export const staffRoleSchema = z.enum(STAFF_ROLES);
export type StaffRole = z.infer<typeof staffRoleSchema>;

/** Who made a change: a signed-in staff member (id = auth user id) or a tool ("cli:alice"). */
export const staffActorSchema = z.object({
  id: z.uuid().optional(),
  label: z.string().trim().min(1).max(200),
});
export type StaffActor = z.infer<typeof staffActorSchema>;

export const staffEmailSchema = z
  .string()
  .trim()
  .min(1, "email is required")
  .max(320)
  .pipe(z.email("not a valid email address"));

export const staffMemberRowSchema = z.object({
  user_id: z.string(),
  email: z.string(),
  role: staffRoleSchema,
  created_at: z.date(),
  created_by: z.string().nullable(),
  updated_at: z.date(),
});

export interface StaffMember {
  userId: string;
  email: string;
  role: StaffRole;
  createdAt: Date;
  createdBy: string | null;
  updatedAt: Date;
}

export type StaffChangeKind = "added" | "role_changed" | "unchanged" | "removed";

export interface StaffChange {
  change: StaffChangeKind;
  member: StaffMember;
  previousRole: StaffRole | null;
}

/** A Pool; each staff function runs its own transaction on a connection from it. */
export type StaffPool = Pick<pg.Pool, "connect" | "query">;

export function toStaffMember(row: unknown): StaffMember {
  const parsed = staffMemberRowSchema.parse(row);
  return {
    userId: parsed.user_id,
    email: parsed.email,
    role: parsed.role,
    createdAt: parsed.created_at,
    createdBy: parsed.created_by,
    updatedAt: parsed.updated_at,
  };
}

/** zod at the boundary, but failures surface as a StaffError with one readable line. */
export function parseStaffInput<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const detail = issue ? `${issue.path.length ? `${issue.path.join(".")}: ` : ""}${issue.message}` : "invalid";
  throw new StaffError("invalid_input", `Invalid ${what}: ${detail}`);
}
