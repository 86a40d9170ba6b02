/**
 * POST /auth/v1/admin/users — what `supabase.auth.admin.createUser()` calls with a service key.
 * Only enabled when the stand-in is started with `serviceKey`; the bearer must be that key.
 */
import type { IncomingMessage } from "node:http";
import { z } from "zod";
import { AuthHttpError, badRequest, forbidden } from "./auth-error";
import { bearerToken, readBody } from "./http-io";
import { isSameSecret } from "./is-same-secret";
import type { StandInContext } from "./stand-in-context";
import { toUserJson } from "./user-record";
import { AuthUserExistsError, createAuthUser } from "./users";

const createUserSchema = z.object({
  email: z.string().min(1),
  password: z.string().min(1).max(72, "Password cannot be longer than 72 characters"),
  email_confirm: z.boolean().optional(),
  app_metadata: z.record(z.string(), z.unknown()).optional(),
  user_metadata: z.record(z.string(), z.unknown()).optional(),
});

function requireServiceKey(context: StandInContext, req: IncomingMessage): void {
  const token = bearerToken(req);
  if (!token) throw new AuthHttpError(401, "no_authorization", "This endpoint requires a Bearer token");
  if (!context.serviceKey || !isSameSecret(token, context.serviceKey)) throw forbidden("not_admin", "User not allowed");
}

export async function handleAdminCreateUser(context: StandInContext, req: IncomingMessage): Promise<unknown> {
  requireServiceKey(context, req);
  const body = await readBody(req, createUserSchema);
  const emailCheck = z.email().safeParse(body.email.trim());
  if (!emailCheck.success) throw badRequest("validation_failed", "Unable to validate email address: invalid format");
  try {
    const created = await createAuthUser(context.pool, {
      email: body.email,
      password: body.password,
      // GoTrue's admin API creates unconfirmed users unless email_confirm is true.
      emailConfirmed: body.email_confirm ?? false,
      appMetadata: body.app_metadata,
      userMetadata: body.user_metadata,
    });
    return toUserJson(created.user);
  } catch (error) {
    if (error instanceof AuthUserExistsError) {
      throw new AuthHttpError(422, "email_exists", "A user with this email address has already been registered");
    }
    throw error;
  }
}
