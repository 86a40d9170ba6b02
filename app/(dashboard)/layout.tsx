import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { requireStaff } from "@/lib/auth/require-staff";

/** Every page inside is for staff. Pages check again themselves: layouts do not re-run on navigation. */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const staff = await requireStaff("viewer");
  return <AppShell staff={staff}>{children}</AppShell>;
}
