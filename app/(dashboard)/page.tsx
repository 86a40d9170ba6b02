import type { Metadata } from "next";
import { HealthOverview } from "@/components/health/health-overview";
import { PageHeader } from "@/components/shell/page-header";
import { requireStaff } from "@/lib/auth/require-staff";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  await requireStaff("viewer");
  return (
    <>
      <PageHeader title="Dashboard" description="Whether the database, the level tables and HubSpot are reachable right now." />
      <HealthOverview />
    </>
  );
}
