/** What every handler needs, and the session JSON that /token returns for both grants. */
import type pg from "pg";
import { issueAccessToken } from "./access-token";
import type { SigningKey } from "./signing-key";
import type { TokenRateLimiter } from "./token-rate-limit";
import { toUserJson, type UserRow } from "./user-record";

export interface StandInContext {
  pool: pg.Pool;
  key: SigningKey;
  /** `<project url>/auth/v1`, the `iss` of every access token. */
  issuer: string;
  accessTokenTtlSeconds: number;
  refreshTokenReuseIntervalSeconds: number;
  publishableKey: string;
  serviceKey: string | undefined;
  tokenRateLimiter: TokenRateLimiter;
  /** Counters for tests (GET /__control/stats). */
  stats: StandInStats;
}

export interface StandInStats {
  tokenRequests: { password: number; refresh_token: number; other: number };
  /** /token requests refused with 429. */
  rateLimited: number;
}

/** GoTrue's AccessTokenResponse; auth-js keeps it (plus `user`) as the Session. */
export async function buildSessionResponse(
  context: StandInContext,
  input: { user: UserRow; sessionId: string; authenticatedAt: Date; refreshToken: string },
): Promise<Record<string, unknown>> {
  const { token, expiresAt } = await issueAccessToken(context.key, {
    issuer: context.issuer,
    user: input.user,
    sessionId: input.sessionId,
    authenticatedAt: input.authenticatedAt,
    ttlSeconds: context.accessTokenTtlSeconds,
  });
  return {
    access_token: token,
    token_type: "bearer",
    expires_in: context.accessTokenTtlSeconds,
    expires_at: expiresAt,
    refresh_token: input.refreshToken,
    user: toUserJson(input.user),
  };
}
