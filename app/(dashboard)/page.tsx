import type { Metadata } from "next";
import { DashboardOverview } from "@/components/dashboard/dashboard-overview";
import { PageHeader } from "@/components/shell/page-header";
import { requireStaff } from "@/lib/auth/require-staff";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  await requireStaff("viewer");
  return (
    <>
      <PageHeader title="Dashboard" description="Learner progress per level, the latest sync to HubSpot and the connection checks." />
      <DashboardOverview />
    </>
  );
}
