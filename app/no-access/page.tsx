import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { buttonClasses } from "@/components/ui/button";
import { getStaffSession } from "@/lib/auth/get-staff-session";
import { LOGIN_PATH } from "@/lib/auth/paths";
import { hasRole, staffRoleSchema } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "No access" };

interface NoAccessPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** Where signed-in users land when they may not see a page: non-staff, or staff below a page's role. */
export default async function NoAccessPage({ searchParams }: NoAccessPageProps) {
  const session = await getStaffSession();
  if (session.kind === "anonymous") redirect(LOGIN_PATH);

  if (session.kind === "not_staff") {
    return (
      <AuthCard title="No access">
        <p className="text-sm text-slate-700">
          Your account (<span className="font-medium text-slate-900">{session.user.email || "no email"}</span>) is not a
          staff member of this dashboard. Ask an admin to add you as staff, then sign in again.
        </p>
        <SignOutButton variant="secondary" className="mt-5 w-full" />
      </AuthCard>
    );
  }

  const need = staffRoleSchema.safeParse((await searchParams).need);
  if (!need.success || hasRole(session.role, need.data)) redirect("/");
  return (
    <AuthCard title="Not allowed">
      <p className="text-sm text-slate-700">
        That page needs the <span className="font-medium text-slate-900">{need.data}</span> role. Your role is{" "}
        <span className="font-medium text-slate-900">{session.role}</span>. Ask an admin if you need more access.
      </p>
      <Link href="/" className={`${buttonClasses("secondary")} mt-5 w-full`}>
        Back to the dashboard
      </Link>
    </AuthCard>
  );
}
