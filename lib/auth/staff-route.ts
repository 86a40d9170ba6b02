import "server-only";
import { getStaffSession, type StaffSession } from "./get-staff-session";
import { hasRole, type StaffRole } from "./roles";

type StaffMember = Extract<StaffSession, { kind: "staff" }>;

/** JSON answer that no cache may keep: route data is per user. */
export function jsonNoStore(status: number, body: unknown): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

/**
 * Guards a route handler: 401 for anonymous callers, 403 for non-staff or staff below `minRole`,
 * otherwise runs the handler with the staff member. Routes check again here; the proxy is not enough.
 */
export function withStaffRoute<Args extends unknown[]>(
  minRole: StaffRole,
  handler: (staff: StaffMember, ...args: Args) => Promise<Response>,
): (...args: Args) => Promise<Response> {
  // Next's (request, context) pass through, for routes that read the query or a path segment.
  return async (...args: Args) => {
    const session = await getStaffSession();
    if (session.kind === "anonymous") return jsonNoStore(401, { error: "unauthenticated" });
    if (session.kind === "not_staff" || !hasRole(session.role, minRole))
      return jsonNoStore(403, { error: "forbidden" });
    return handler(session, ...args);
  };
}
