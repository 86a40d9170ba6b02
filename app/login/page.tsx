import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { LoginForm } from "@/components/auth/login-form";
import { Alert } from "@/components/ui/alert";
import { AuthServiceUnavailableError } from "@/lib/auth/errors";
import { getStaffSession, type StaffSession } from "@/lib/auth/get-staff-session";
import { safeNextPath } from "@/lib/auth/paths";
import { NO_ACCESS_PATH } from "@/lib/auth/require-staff";

export const metadata: Metadata = { title: "Sign in" };

interface LoginPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function LoginPage({ searchParams }: LoginPageProps) {
  const { next } = await searchParams;
  const nextPath = safeNextPath(next);
  const session = await readSession();
  if (session?.kind === "staff") redirect(nextPath);
  if (session?.kind === "not_staff") redirect(NO_ACCESS_PATH);

  return (
    <AuthCard title="Sign in" description="For staff of the language school.">
      {session === undefined ? (
        <Alert tone="warning" className="mb-4">
          The authentication service is not answering right now. Signing in may fail.
        </Alert>
      ) : null}
      <LoginForm next={nextPath} />
    </AuthCard>
  );
}

/** The login page must still render when the auth service is down (undefined = unknown). */
async function readSession(): Promise<StaffSession | undefined> {
  try {
    return await getStaffSession();
  } catch (error) {
    if (error instanceof AuthServiceUnavailableError) return undefined;
    throw error;
  }
}
