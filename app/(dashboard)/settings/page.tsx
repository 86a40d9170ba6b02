import type { Metadata } from "next";
import { StaffTable } from "./staff-table";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requireStaff } from "@/lib/auth/require-staff";
import { getPool } from "@/lib/db/pool";
import { listStaff } from "./list-staff";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const { user } = await requireStaff("viewer");
  const staff = await listStaff(getPool());
  return (
    <>
      <PageHeader title="Settings" description="Who can use this dashboard, and with which role." />
      <Card>
        <CardHeader>
          <CardTitle>Staff</CardTitle>
          <CardDescription>
            Viewers see and preview, operators also sync, admins also change settings and manage staff. Manage staff from the shell
            with <code className="font-mono">npm run staff</code>.
          </CardDescription>
        </CardHeader>
        {staff.length === 0 ? <EmptyState title="No staff members yet" /> : <StaffTable staff={staff} currentUserId={user.id} />}
      </Card>
    </>
  );
}
