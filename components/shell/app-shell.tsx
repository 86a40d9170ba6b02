import Link from "next/link";
import type { ReactNode } from "react";
import type { StaffUser } from "@/lib/auth/require-staff";
import { Brand } from "./brand";
import { MainNav } from "./main-nav";
import { readTheme } from "./read-theme";
import { RoleBadge } from "./role-badge";
import { SignOutButton } from "./sign-out-button";
import { ThemeToggle } from "./theme-toggle";

/**
 * The frame around every staff page: brand, navigation, who is signed in, colour scheme, sign out.
 * On a phone the navigation is a full-width row of three 44 px tabs under the header line.
 */
export async function AppShell({ staff, children }: { staff: StaffUser; children: ReactNode }) {
  const theme = await readTheme();
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only rounded-md bg-surface px-3 py-2 text-sm font-medium shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-surface">
        <div className="mx-auto flex max-w-content flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2 sm:px-6 md:py-3">
          <Link href="/" className="flex min-h-11 items-center rounded-md md:min-h-0">
            <Brand isNameHiddenOnPhone />
          </Link>
          <MainNav className="order-last -mx-4 w-[calc(100%+2rem)] border-t border-slate-100 px-2 pt-1 md:order-none md:mx-0 md:w-auto md:border-0 md:p-0" />
          <div className="ml-auto flex min-w-0 items-center gap-2 sm:gap-3">
            <span className="min-w-0 truncate text-sm text-slate-600" title={`Signed in as ${staff.user.email}`}>
              <span className="sr-only">Signed in as </span>
              {staff.user.email}
            </span>
            <RoleBadge role={staff.role} title="Your role" />
            <ThemeToggle initialTheme={theme} />
            <SignOutButton variant="secondary" size="sm" className="min-h-11 md:min-h-0" />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-content px-4 py-6 sm:px-6 md:py-8">
        {children}
      </main>
    </div>
  );
}
