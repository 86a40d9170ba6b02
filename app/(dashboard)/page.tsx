import type { Metadata } from "next";
import { DashboardOverview } from "@/components/dashboard/dashboard-overview";
import { SyncAlertBanner } from "@/components/dashboard/sync-alert-banner";
import { PageHeader } from "@/components/shell/page-header";
import { readActiveAlert } from "@/lib/alerts/read-alert-state";
import { requireStaff } from "@/lib/auth/require-staff";
import { getPool } from "@/lib/db/pool";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  await requireStaff("viewer");
  const alert = await readActiveAlert(getPool());
  return (
    <>
      <PageHeader
        title="Dashboard"
        description="Learner progress per level, the latest sync to HubSpot and the connection checks."
      />
      <SyncAlertBanner alert={alert} />
      <DashboardOverview />
    </>
  );
}
