import { AddStaffForm } from "@/components/settings/add-staff-form";
import { ReadOnlyNote } from "@/components/settings/read-only-note";
import { SectionError } from "@/components/settings/section-error";
import { StaffTable } from "@/components/settings/staff-table";
import { CardContent } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { StaffRole } from "@/lib/auth/roles";
import { getPool } from "@/lib/db/pool";
import { listStaff } from "@/lib/staff";
import { loadSection } from "./load-section";

export async function StaffSection({ role, currentUserId }: { role: StaffRole; currentUserId: string }) {
  const result = await loadSection("staff", () => listStaff(getPool()));
  if (!result.ok) return <SectionError what="staff list" reference={result.reference} />;
  const canEdit = role === "admin";
  return (
    <>
      {canEdit ? (
        <CardContent className="border-b border-slate-100">
          <AddStaffForm />
        </CardContent>
      ) : null}
      {result.data.length === 0 ? (
        <EmptyState title="No staff members yet">
          Add one above, or from a terminal with <code className="font-mono">npm run staff</code>.
        </EmptyState>
      ) : (
        <StaffTable staff={result.data} currentUserId={currentUserId} canEdit={canEdit} />
      )}
      {canEdit ? null : (
        <CardContent className="border-t border-slate-100">
          <ReadOnlyNote role={role} what="manage staff" />
        </CardContent>
      )}
    </>
  );
}
