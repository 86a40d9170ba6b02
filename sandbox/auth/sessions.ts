/**
 * auth.sessions and auth.refresh_tokens, kept the way GoTrue keeps them: one session per sign-in,
 * a chain of refresh tokens per session (each new token records its `parent`, the used one is
 * revoked), and logout deletes sessions (their refresh tokens go with them by cascade).
 */
import { randomBytes, randomUUID } from "node:crypto";
import net from "node:net";
import type pg from "pg";
import { z } from "zod";

const INSTANCE_ID = "00000000-0000-0000-0000-000000000000";

/** 32 url-safe characters; GoTrue's are shorter but equally opaque to clients. */
export function newRefreshToken(): string {
  return randomBytes(24).toString("base64url");
}

export interface NewSession {
  sessionId: string;
  refreshToken: string;
  createdAt: Date;
}

export async function createSession(
  client: pg.ClientBase,
  input: { userId: string; userAgent: string | undefined; ip: string | undefined },
): Promise<NewSession> {
  const sessionId = randomUUID();
  const ip = input.ip && net.isIP(input.ip) ? input.ip : null;
  const { rows } = await client.query(
    `insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
     values ($1, $2, now(), now(), 'aal1', $3, $4::inet) returning created_at`,
    [sessionId, input.userId, input.userAgent ?? null, ip],
  );
  const createdAt = z.date().parse(rows[0]?.created_at);
  const refreshToken = await insertRefreshToken(client, { userId: input.userId, sessionId, parent: null });
  return { sessionId, refreshToken, createdAt };
}

export async function insertRefreshToken(
  client: pg.ClientBase,
  input: { userId: string; sessionId: string; parent: string | null },
): Promise<string> {
  const token = newRefreshToken();
  await client.query(
    `insert into auth.refresh_tokens (instance_id, token, user_id, revoked, parent, session_id, created_at, updated_at)
     values ($1, $2, $3, false, $4, $5, now(), now())`,
    [INSTANCE_ID, token, input.userId, input.parent, input.sessionId],
  );
  return token;
}

const refreshTokenRowSchema = z.object({
  token: z.string(),
  revoked: z.boolean().nullable(),
  session_id: z.string(),
  user_id: z.string(),
  session_created_at: z.date(),
  is_session_expired: z.boolean(),
  /** Revoked less than the reuse interval ago (judged by the database clock). */
  is_within_reuse_interval: z.boolean(),
});
export type RefreshTokenRow = z.infer<typeof refreshTokenRowSchema>;

/** Locks the token row: concurrent refreshes with one token are serialised, not raced. */
export async function lockRefreshToken(
  client: pg.ClientBase,
  token: string,
  reuseIntervalSeconds: number,
): Promise<RefreshTokenRow | undefined> {
  const { rows } = await client.query(
    `select rt.token, rt.revoked, rt.session_id::text as session_id, s.user_id::text as user_id,
            s.created_at as session_created_at, coalesce(s.not_after < now(), false) as is_session_expired,
            coalesce(rt.updated_at + make_interval(secs => $2) > now(), false) as is_within_reuse_interval
       from auth.refresh_tokens rt join auth.sessions s on s.id = rt.session_id
      where rt.token = $1
      for update of rt`,
    [token, reuseIntervalSeconds],
  );
  return rows[0] === undefined ? undefined : refreshTokenRowSchema.parse(rows[0]);
}

/** The session's live token, if it descends directly from `parent`. */
export async function findActiveChild(
  client: pg.ClientBase,
  sessionId: string,
  parent: string,
): Promise<string | undefined> {
  const { rows } = await client.query(
    `select token, parent from auth.refresh_tokens where session_id = $1 and revoked = false order by id desc limit 1`,
    [sessionId],
  );
  const active = z.object({ token: z.string(), parent: z.string().nullable() }).optional().parse(rows[0]);
  return active?.parent === parent ? active.token : undefined;
}

/** Uses up a token and issues its successor in the same session. */
export async function rotateRefreshToken(client: pg.ClientBase, row: RefreshTokenRow): Promise<string> {
  await client.query(`update auth.refresh_tokens set revoked = true, updated_at = now() where token = $1`, [row.token]);
  await client.query(
    `update auth.sessions set refreshed_at = now() at time zone 'utc', updated_at = now() where id = $1`,
    [row.session_id],
  );
  return insertRefreshToken(client, { userId: row.user_id, sessionId: row.session_id, parent: row.token });
}

/** Reuse of a spent token looks like theft: GoTrue revokes the whole token family of the session. */
export async function revokeTokenFamily(client: pg.ClientBase, sessionId: string): Promise<void> {
  await client.query(
    `update auth.refresh_tokens set revoked = true, updated_at = now() where session_id = $1 and revoked = false`,
    [sessionId],
  );
}

export async function findSession(
  db: pg.Pool | pg.ClientBase,
  sessionId: string,
): Promise<{ id: string; userId: string } | undefined> {
  const { rows } = await db.query(`select id::text as id, user_id::text as "userId" from auth.sessions where id = $1`, [
    sessionId,
  ]);
  return z.object({ id: z.string(), userId: z.string() }).optional().parse(rows[0]);
}

export type LogoutScope = "global" | "local" | "others";

export async function logout(
  db: pg.Pool,
  input: { scope: LogoutScope; userId: string; sessionId: string | undefined },
): Promise<void> {
  if (input.scope === "local" && input.sessionId) {
    await db.query(`delete from auth.sessions where id = $1`, [input.sessionId]);
  } else if (input.scope === "others" && input.sessionId) {
    await db.query(`delete from auth.sessions where user_id = $1 and id <> $2`, [input.userId, input.sessionId]);
  } else {
    // Global (also the fallback for a token without session_id, as in GoTrue's Logout).
    await db.query(`delete from auth.sessions where user_id = $1`, [input.userId]);
  }
}
