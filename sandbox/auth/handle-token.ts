/** POST /auth/v1/token?grant_type=password|refresh_token */
import type { IncomingMessage } from "node:http";
import { z } from "zod";
import { AuthHttpError, badRequest, OAuthProtocolError } from "./auth-error";
import { headerValue, readBody } from "./http-io";
import { createSession, findActiveChild, lockRefreshToken, revokeTokenFamily, rotateRefreshToken } from "./sessions";
import { buildSessionResponse, type StandInContext } from "./stand-in-context";
import { findLiveUserById, parseUserRow, USER_COLUMNS } from "./user-record";
import { withTransaction } from "./with-transaction";

const INVALID_LOGIN = "Invalid login credentials";

const passwordGrantSchema = z.object({
  email: z.string().optional(),
  phone: z.string().optional(),
  password: z.string().optional(),
});

const refreshGrantSchema = z.object({ refresh_token: z.string().optional() });

export async function handleToken(
  context: StandInContext,
  req: IncomingMessage,
  grantType: string | null,
): Promise<unknown> {
  if (grantType === "password") return handlePasswordGrant(context, req);
  if (grantType === "refresh_token") return handleRefreshGrant(context, req);
  throw new OAuthProtocolError("unsupported_grant_type", "");
}

async function handlePasswordGrant(context: StandInContext, req: IncomingMessage): Promise<unknown> {
  const body = await readBody(req, passwordGrantSchema);
  if (body.email && body.phone)
    throw badRequest("validation_failed", "Only an email address or phone number should be provided on login.");
  if (body.phone) throw new AuthHttpError(422, "phone_provider_disabled", "Phone logins are disabled");
  if (!body.email) throw badRequest("validation_failed", "missing email or phone");

  // The bcrypt comparison runs in Postgres (pgcrypto), exactly like a hash GoTrue wrote.
  const { rows } = await context.pool.query(
    `select ${USER_COLUMNS},
            coalesce(u.encrypted_password ~ '^\\$2[abxy]?\\$' and u.encrypted_password = extensions.crypt($2, u.encrypted_password), false)
              as is_password_valid
       from auth.users u
      where lower(u.email) = lower($1) and u.deleted_at is null and u.is_sso_user = false
      limit 1`,
    [body.email, body.password ?? ""],
  );
  const found = rows[0] as { is_password_valid?: unknown } | undefined;
  if (!found || found.is_password_valid !== true) throw badRequest("invalid_credentials", INVALID_LOGIN);
  const candidate = parseUserRow(found);
  // Checked only after the password, so a stranger cannot learn that an account is banned.
  if (candidate.is_banned) throw badRequest("user_banned", "User is banned");
  if (candidate.email_confirmed_at === null) throw badRequest("email_not_confirmed", "Email not confirmed");

  return withTransaction(context.pool, async (client) => {
    const updated = await client.query(
      `update auth.users u set last_sign_in_at = now() where u.id = $1 returning ${USER_COLUMNS}`,
      [candidate.id],
    );
    const user = parseUserRow(updated.rows[0]);
    const session = await createSession(client, {
      userId: user.id,
      userAgent: headerValue(req, "user-agent"),
      ip: req.socket.remoteAddress,
    });
    return buildSessionResponse(context, {
      user,
      sessionId: session.sessionId,
      authenticatedAt: session.createdAt,
      refreshToken: session.refreshToken,
    });
  });
}

type RefreshOutcome = { kind: "session"; body: unknown } | { kind: "reused" };

/**
 * Rotation as in GoTrue (internal/api/token_refresh.go): the presented token is revoked and a child
 * issued. A revoked token presented again is judged as GoTrue judges it:
 * - it is the direct parent of the session's live token (the client lost the response): the SAME
 *   live token is returned, at any time;
 * - else, spent less than `refreshTokenReuseIntervalSeconds` ago (two tabs racing): a new child;
 * - else it looks like theft: every token of the session is revoked (committed) and the answer is
 *   400 `refresh_token_already_used`.
 */
async function handleRefreshGrant(context: StandInContext, req: IncomingMessage): Promise<unknown> {
  const body = await readBody(req, refreshGrantSchema);
  if (!body.refresh_token) throw badRequest("validation_failed", "refresh_token required");
  const presented = body.refresh_token;

  const outcome = await withTransaction(context.pool, async (client): Promise<RefreshOutcome> => {
    const row = await lockRefreshToken(client, presented, context.refreshTokenReuseIntervalSeconds);
    const user = row ? await findLiveUserById(client, row.user_id) : undefined;
    if (!row || !user) throw badRequest("refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found");
    if (user.is_banned) throw badRequest("user_banned", "User is banned");
    if (row.is_session_expired) throw badRequest("session_expired", "Invalid Refresh Token: Session Expired");

    let refreshToken: string;
    const liveChild = row.revoked ? await findActiveChild(client, row.session_id, row.token) : undefined;
    if (liveChild) {
      refreshToken = liveChild;
    } else if (!row.revoked || row.is_within_reuse_interval) {
      refreshToken = await rotateRefreshToken(client, row);
    } else {
      await revokeTokenFamily(client, row.session_id);
      return { kind: "reused" };
    }
    const session = await buildSessionResponse(context, {
      user,
      sessionId: row.session_id,
      authenticatedAt: row.session_created_at,
      refreshToken,
    });
    return { kind: "session", body: session };
  });
  if (outcome.kind === "reused") throw badRequest("refresh_token_already_used", "Invalid Refresh Token: Already Used");
  return outcome.body;
}
