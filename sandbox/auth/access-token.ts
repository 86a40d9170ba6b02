/** Supabase access tokens: ES256 JWTs with a `kid`, carrying GoTrue's claim set. */
import { errors as joseErrors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import { forbidden, AuthHttpError } from "./auth-error";
import type { SigningKey } from "./signing-key";
import { appMetadataOf, type UserRow } from "./user-record";

export interface AccessTokenInput {
  issuer: string;
  user: UserRow;
  sessionId: string;
  /** When the session was authenticated (the amr timestamp survives refreshes). */
  authenticatedAt: Date;
  ttlSeconds: number;
}

export interface IssuedAccessToken {
  token: string;
  expiresAt: number;
}

export async function issueAccessToken(key: SigningKey, input: AccessTokenInput): Promise<IssuedAccessToken> {
  const issuedAt = Math.floor(Date.now() / 1000);
  const expiresAt = issuedAt + input.ttlSeconds;
  const { user } = input;
  // Claim order and names follow GoTrue's AccessTokenClaims so decoded tokens look identical.
  const claims = {
    iss: input.issuer,
    sub: user.id,
    aud: user.aud ?? "authenticated",
    exp: expiresAt,
    iat: issuedAt,
    email: user.email ?? "",
    phone: user.phone ?? "",
    app_metadata: appMetadataOf(user),
    user_metadata: user.raw_user_meta_data,
    role: user.role ?? "authenticated",
    aal: "aal1",
    amr: [{ method: "password", timestamp: Math.floor(input.authenticatedAt.getTime() / 1000) }],
    session_id: input.sessionId,
    is_anonymous: user.is_anonymous,
  };
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: "ES256", kid: key.kid, typ: "JWT" })
    .sign(key.privateKey);
  return { token, expiresAt };
}

const verifiedClaimsSchema = z.object({
  sub: z.string().optional(),
  session_id: z.string().optional(),
});
export type VerifiedClaims = z.infer<typeof verifiedClaimsSchema>;

/** golang-jwt's wording, which GoTrue puts after "invalid JWT: unable to parse or verify signature, ". */
function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return "token has invalid claims: token is expired";
  if (error instanceof joseErrors.JWSSignatureVerificationFailed)
    return "token signature is invalid: signature is invalid";
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return "token signature is invalid: signing method is invalid";
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `token has invalid claims: ${error.message}`;
  return `token is malformed: ${(error as Error).message}`;
}

/** Verifies like GoTrue's parseJWTClaims: any failure is 403 `bad_jwt` (not 401). */
export async function verifyAccessToken(key: SigningKey, token: string): Promise<VerifiedClaims> {
  let payload: unknown;
  try {
    const result = await jwtVerify(
      token,
      async (header) => {
        if (header.kid !== key.kid)
          throw new joseErrors.JWKSNoMatchingKey(`token is unverifiable: invalid kid: ${header.kid ?? "missing"}`);
        return key.publicKey;
      },
      { algorithms: ["ES256"] },
    );
    payload = result.payload;
  } catch (error) {
    const reason = error instanceof joseErrors.JWKSNoMatchingKey ? error.message : describeJoseError(error);
    throw forbidden("bad_jwt", `invalid JWT: unable to parse or verify signature, ${reason}`);
  }
  const parsed = verifiedClaimsSchema.safeParse(payload);
  if (!parsed.success) throw forbidden("bad_jwt", "invalid token: malformed claims");
  return parsed.data;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The sub/session_id checks of GoTrue's maybeLoadUserOrSession, before any database lookup. */
export function requireUserAndSessionIds(claims: VerifiedClaims): { userId: string; sessionId: string | undefined } {
  if (!claims.sub) throw forbidden("bad_jwt", "invalid claim: missing sub claim");
  if (!UUID.test(claims.sub)) throw new AuthHttpError(400, "bad_jwt", "invalid claim: sub claim must be a UUID");
  const sessionId =
    claims.session_id && claims.session_id !== "00000000-0000-0000-0000-000000000000" ? claims.session_id : undefined;
  if (sessionId !== undefined && !UUID.test(sessionId))
    throw forbidden("bad_jwt", "invalid claim: session_id claim must be a UUID");
  return { userId: claims.sub, sessionId };
}
