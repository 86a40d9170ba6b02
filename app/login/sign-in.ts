"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { describeSignInError, isCredentialsError } from "@/lib/auth/describe-sign-in-error";
import { safeNextPath } from "@/lib/auth/paths";
import { getPool } from "@/lib/db/pool";
import { createClient } from "@/lib/supabase/server";
import {
  describeThrottle,
  reserveSignInAttempt,
  settleSignInAttempt,
  type SignInReservation,
} from "./sign-in-throttle";

export interface SignInState {
  email: string;
  error?: string;
  fieldErrors?: { email?: string; password?: string };
}

const signInSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.")),
  password: z.string().min(1, "Enter your password."),
  next: z.string(),
});

const field = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

const THROTTLE_UNAVAILABLE =
  "Sign-in is unavailable right now (the attempt could not be recorded). Try again in a moment.";

/**
 * The client's IP for the per-IP throttle: the first X-Forwarded-For entry. Vercel (and any proxy
 * in front of `next start` that sets the header) overwrites what the client sent; without such a
 * proxy a client can pick its own value, and only the per-account limit holds.
 */
function clientIp(requestHeaders: Headers): string {
  return (
    requestHeaders.get("x-forwarded-for")?.split(",")[0]?.trim() || requestHeaders.get("x-real-ip")?.trim() || "unknown"
  );
}

/** Fails closed: without the throttle's bookkeeping, no password is passed on to Supabase. */
async function reserve(email: string): Promise<SignInReservation | { kind: "unavailable" }> {
  try {
    return await reserveSignInAttempt(getPool(), { email, ip: clientIp(await headers()) });
  } catch (error) {
    console.error("[auth] sign-in throttle unavailable:", error instanceof Error ? error.message : error);
    return { kind: "unavailable" };
  }
}

/** Signs in with email + password (throttled per account and per IP); the session cookies are set by the server client. */
export async function signIn(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const input = {
    email: field(formData, "email"),
    password: field(formData, "password"),
    next: field(formData, "next"),
  };
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) {
    const { fieldErrors } = z.flattenError(parsed.error);
    return { email: input.email, fieldErrors: { email: fieldErrors.email?.[0], password: fieldErrors.password?.[0] } };
  }

  const reservation = await reserve(parsed.data.email);
  if (reservation.kind === "unavailable") return { email: input.email, error: THROTTLE_UNAVAILABLE };
  if (reservation.kind === "blocked") return { email: input.email, error: describeThrottle(reservation) };

  const supabase = await createClient();
  const { error } = await supabase.auth.signInWithPassword({
    email: parsed.data.email,
    password: parsed.data.password,
  });
  // Not settling (a database hiccup) leaves the attempt counted: the safe side of a throttle.
  await settleSignInAttempt(
    getPool(),
    reservation,
    error ? (isCredentialsError(error) ? "wrong_credentials" : "not_counted") : "succeeded",
  ).catch((settleError: unknown) =>
    console.error(
      "[auth] could not settle a sign-in attempt:",
      settleError instanceof Error ? settleError.message : settleError,
    ),
  );
  if (error) {
    console.warn("[auth] sign-in failed:", error.name, error.status, error.code);
    return { email: input.email, error: describeSignInError(error) };
  }
  // Pages decide what this user may see (a non-staff user lands on /no-access).
  redirect(safeNextPath(parsed.data.next));
}
