/** GET /auth/v1/user and POST /auth/v1/logout: the endpoints behind a user's access token. */
import type { IncomingMessage } from "node:http";
import { AuthHttpError, badRequest, forbidden } from "./auth-error";
import { requireUserAndSessionIds, verifyAccessToken } from "./access-token";
import { bearerToken } from "./http-io";
import { findSession, logout, type LogoutScope } from "./sessions";
import type { StandInContext } from "./stand-in-context";
import { findLiveUserById, toUserJson, type UserRow } from "./user-record";

interface Authenticated {
  user: UserRow;
  sessionId: string | undefined;
}

/**
 * GoTrue's requireAuthentication: no bearer → 401 `no_authorization`; a token that does not
 * verify (signature, kid, expiry, garbage) → 403 `bad_jwt`; a deleted user → 403
 * `user_not_found`; a signed-out session → 403 `session_not_found` (auth-js turns that one into
 * AuthSessionMissingError and drops its stored session).
 */
export async function authenticate(context: StandInContext, req: IncomingMessage): Promise<Authenticated> {
  const token = bearerToken(req);
  if (!token) throw new AuthHttpError(401, "no_authorization", "This endpoint requires a Bearer token");
  const claims = await verifyAccessToken(context.key, token);
  const { userId, sessionId } = requireUserAndSessionIds(claims);
  const user = await findLiveUserById(context.pool, userId);
  if (!user) throw forbidden("user_not_found", "User from sub claim in JWT does not exist");
  if (sessionId !== undefined) {
    const session = await findSession(context.pool, sessionId);
    if (!session || session.userId !== user.id) {
      throw forbidden("session_not_found", "Session from session_id claim in JWT does not exist");
    }
  }
  return { user, sessionId };
}

export async function handleGetUser(context: StandInContext, req: IncomingMessage): Promise<unknown> {
  const { user } = await authenticate(context, req);
  return toUserJson(user);
}

function parseScope(value: string | null): LogoutScope {
  if (value === null || value === "" || value === "global") return "global";
  if (value === "local" || value === "others") return value;
  throw badRequest("validation_failed", `Unsupported logout scope "${value}"`);
}

export async function handleLogout(
  context: StandInContext,
  req: IncomingMessage,
  scopeParam: string | null,
): Promise<void> {
  const { user, sessionId } = await authenticate(context, req);
  const scope = parseScope(scopeParam);
  await logout(context.pool, { scope, userId: user.id, sessionId });
}
