"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { describeSignInError } from "@/lib/auth/describe-sign-in-error";
import { safeNextPath } from "@/lib/auth/paths";
import { createClient } from "@/lib/supabase/server";

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

/** Signs in with email + password; the session cookies are set by the server client. */
export async function signIn(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const input = { email: field(formData, "email"), password: field(formData, "password"), next: field(formData, "next") };
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) {
    const { fieldErrors } = z.flattenError(parsed.error);
    return { email: input.email, fieldErrors: { email: fieldErrors.email?.[0], password: fieldErrors.password?.[0] } };
  }

  const supabase = await createClient();
  const { error } = await supabase.auth.signInWithPassword({ email: parsed.data.email, password: parsed.data.password });
  if (error) {
    console.warn("[auth] sign-in failed:", error.name, error.status, error.code);
    return { email: input.email, error: describeSignInError(error) };
  }
  // Pages decide what this user may see (a non-staff user lands on /no-access).
  redirect(safeNextPath(parsed.data.next));
}
