import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { getStaffSession, type SessionUser } from "@/lib/auth/get-staff-session";
import { hasRole, type StaffRole } from "@/lib/auth/roles";

/**
 * The one wrapper every server action goes through: size-limited, zod-validated input, the staff
 * role checked again on the server (a hidden button is not a permission), and a typed result.
 * Unexpected errors are logged with a reference and never reach the browser as a stack trace.
 */

export type ActionErrorCode = "unauthenticated" | "forbidden" | "invalid_input" | "conflict" | "not_found" | "failed";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: ActionErrorCode; message: string; fieldErrors?: Record<string, string[]> } };

/** Thrown inside a handler for an expected failure whose message is safe to show. */
export class ActionError extends Error {
  constructor(
    readonly code: ActionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ActionError";
  }
}

export interface ActionContext {
  user: SessionUser;
  role: StaffRole;
  actor: { id: string; label: string };
}

/** Server-action inputs are small; anything larger is a mistake or an attack. */
export const MAX_ACTION_INPUT_BYTES = 16 * 1024;

export function staffAction<Schema extends z.ZodType, Result>(
  minRole: StaffRole,
  schema: Schema,
  handler: (input: z.infer<Schema>, context: ActionContext) => Promise<Result>,
): (raw: unknown) => Promise<ActionResult<Result>> {
  return async (raw) => {
    const session = await getStaffSession();
    if (session.kind === "anonymous") return failure("unauthenticated", "Your session has ended. Sign in again.");
    if (session.kind === "not_staff") return failure("forbidden", "Your account is not a staff member of this dashboard.");
    if (!hasRole(session.role, minRole)) {
      return failure("forbidden", `This needs the ${minRole} role; you are ${session.role === "viewer" ? "a viewer" : `an ${session.role}`}.`);
    }
    const size = Buffer.byteLength(JSON.stringify(raw ?? null) ?? "", "utf8");
    if (size > MAX_ACTION_INPUT_BYTES) return failure("invalid_input", `Input too large (${size} bytes; at most ${MAX_ACTION_INPUT_BYTES}).`);
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const flat = z.flattenError(parsed.error);
      const first = parsed.error.issues[0];
      const where = first && first.path.length > 0 ? `${first.path.join(".")}: ` : "";
      return { ok: false, error: { code: "invalid_input", message: `Invalid input. ${where}${first?.message ?? ""}`.trim(), fieldErrors: flat.fieldErrors as Record<string, string[]> } };
    }
    const context: ActionContext = { user: session.user, role: session.role, actor: { id: session.user.id, label: session.user.email } };
    try {
      return { ok: true, data: await handler(parsed.data, context) };
    } catch (error) {
      if (error instanceof ActionError) return failure(error.code, error.message);
      const reference = randomUUID().slice(0, 8);
      console.error(`[action ${reference}]`, error);
      return failure("failed", `Something went wrong (reference ${reference}). The details were logged on the server.`);
    }
  };
}

function failure(code: ActionErrorCode, message: string): { ok: false; error: { code: ActionErrorCode; message: string } } {
  return { ok: false, error: { code, message } };
}
