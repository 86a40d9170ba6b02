import Link from "next/link";
import type { ReactNode } from "react";
import type { StaffUser } from "@/lib/auth/require-staff";
import { Brand } from "./brand";
import { MainNav } from "./main-nav";
import { RoleBadge } from "./role-badge";
import { SignOutButton } from "./sign-out-button";

/** The frame around every staff page: brand, navigation, who is signed in, sign out. */
export function AppShell({ staff, children }: { staff: StaffUser; children: ReactNode }) {
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-content flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
          <Link href="/" className="rounded-md">
            <Brand />
          </Link>
          <MainNav className="order-last -mx-3 w-full overflow-x-auto md:order-none md:mx-0 md:w-auto" />
          <div className="ml-auto flex min-w-0 items-center gap-3">
            <span className="min-w-0 truncate text-sm text-slate-600" title={`Signed in as ${staff.user.email}`}>
              {staff.user.email}
            </span>
            <RoleBadge role={staff.role} title="Your role" />
            <SignOutButton variant="secondary" size="sm" />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-content px-4 py-8 sm:px-6">
        {children}
      </main>
    </div>
  );
}
