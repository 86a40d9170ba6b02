import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { getStaffSession, type SessionUser } from "@/lib/auth/get-staff-session";
import { hasRole, type StaffRole } from "@/lib/auth/roles";
import { ActionError, type ActionErrorCode, type ActionResult } from "./action-error";
import { toActionError, type ErrorMapper } from "./to-action-error";

export { ActionError, type ActionErrorCode, type ActionResult };

/**
 * The one wrapper every server action goes through: size-limited, zod-validated input, the staff
 * role checked again on the server (a hidden button is not a permission), and a typed result.
 * The libraries' typed errors (staff, settings, sync, HubSpot) become action errors in
 * `toActionError`; an action that needs other wording passes its own `mapError`. Unexpected
 * errors are logged with a reference and never reach the browser as a stack trace.
 */

export interface ActionContext {
  user: SessionUser;
  role: StaffRole;
  actor: { id: string; label: string };
}

/** Server-action inputs are small; anything larger is a mistake or an attack. */
export const MAX_ACTION_INPUT_BYTES = 16 * 1024;

export interface StaffActionOptions {
  /** Turns a thrown error into an expected failure, or null for "unexpected"; default toActionError. */
  mapError?: ErrorMapper;
}

export function staffAction<Schema extends z.ZodType, Result>(
  minRole: StaffRole,
  schema: Schema,
  handler: (input: z.infer<Schema>, context: ActionContext) => Promise<Result>,
  options: StaffActionOptions = {},
): (raw: unknown) => Promise<ActionResult<Result>> {
  const mapError = options.mapError ?? toActionError;
  return async (raw) => {
    const session = await getStaffSession();
    if (session.kind === "anonymous") return failure("unauthenticated", "Your session has ended. Sign in again.");
    if (session.kind === "not_staff")
      return failure("forbidden", "Your account is not a staff member of this dashboard.");
    if (!hasRole(session.role, minRole)) {
      return failure(
        "forbidden",
        `This needs the ${minRole} role; you are ${session.role === "viewer" ? "a viewer" : `an ${session.role}`}.`,
      );
    }
    const size = Buffer.byteLength(JSON.stringify(raw ?? null) ?? "", "utf8");
    if (size > MAX_ACTION_INPUT_BYTES)
      return failure("invalid_input", `Input too large (${size} bytes; at most ${MAX_ACTION_INPUT_BYTES}).`);
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const flat = z.flattenError(parsed.error);
      const first = parsed.error.issues[0];
      const where = first && first.path.length > 0 ? `${first.path.join(".")}: ` : "";
      return {
        ok: false,
        error: {
          code: "invalid_input",
          message: `Invalid input. ${where}${first?.message ?? ""}`.trim(),
          fieldErrors: flat.fieldErrors as Record<string, string[]>,
        },
      };
    }
    const context: ActionContext = {
      user: session.user,
      role: session.role,
      actor: { id: session.user.id, label: session.user.email },
    };
    try {
      return { ok: true, data: await handler(parsed.data, context) };
    } catch (error) {
      const expected = error instanceof ActionError ? error : mapError(error);
      if (expected) return failure(expected.code, expected.message);
      const reference = randomUUID().slice(0, 8);
      console.error(`[action ${reference}]`, error);
      return failure("failed", `Something went wrong (reference ${reference}). The details were logged on the server.`);
    }
  };
}

function failure(
  code: ActionErrorCode,
  message: string,
): { ok: false; error: { code: ActionErrorCode; message: string } } {
  return { ok: false, error: { code, message } };
}
