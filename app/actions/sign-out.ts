"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { LOGIN_PATH } from "@/lib/auth/paths";
import { createClient } from "@/lib/supabase/server";

/** Supabase keeps the session in `sb-<project>-auth-token` cookies (chunked as `.0`, `.1`, …). */
const SUPABASE_AUTH_COOKIE = /^sb-.+-auth-token(\.\d+)?$/;

export async function signOut(): Promise<never> {
  const supabase = await createClient();
  // "local": end this browser's session only; the person stays signed in on their other devices.
  const { error } = await supabase.auth.signOut({ scope: "local" });
  if (error) {
    // The server-side revoke failed (auth service down); still end the session in this browser,
    // which is what the person clicking "Sign out" asked for.
    console.error("[auth] sign-out could not revoke the session:", error.name, error.status);
    const cookieStore = await cookies();
    cookieStore
      .getAll()
      .filter((cookie) => SUPABASE_AUTH_COOKIE.test(cookie.name))
      .forEach((cookie) => cookieStore.delete(cookie.name));
  }
  redirect(LOGIN_PATH);
}
