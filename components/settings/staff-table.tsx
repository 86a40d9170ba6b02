import { RoleBadge } from "@/components/shell/role-badge";
import { DateTime } from "@/components/ui/date-time";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import type { StaffMember } from "@/lib/staff";
import { StaffRowActions } from "./staff-row-actions";

export function StaffTable({
  staff,
  currentUserId,
  canEdit,
}: {
  staff: StaffMember[];
  currentUserId: string;
  canEdit: boolean;
}) {
  return (
    // `relative`: the sr-only labels (position: absolute) would otherwise escape the sideways-scrolling
    // wrapper and widen the whole page on a narrow screen.
    <Table className="relative" caption="Staff members and their roles">
      <TableHead>
        <tr>
          <TableHeaderCell>Email</TableHeaderCell>
          <TableHeaderCell>Role</TableHeaderCell>
          <TableHeaderCell>Added</TableHeaderCell>
          {canEdit ? <TableHeaderCell>Manage</TableHeaderCell> : null}
        </tr>
      </TableHead>
      <TableBody>
        {staff.map((member) => (
          <TableRow key={member.userId} data-email={member.email}>
            <TableCell className="font-medium">
              {member.email}
              {member.userId === currentUserId ? (
                <span className="ml-2 text-xs font-normal text-slate-500">(you)</span>
              ) : null}
            </TableCell>
            <TableCell>
              <RoleBadge role={member.role} />
            </TableCell>
            <TableCell className="whitespace-nowrap text-slate-600">
              <DateTime value={member.createdAt} />
            </TableCell>
            {canEdit ? (
              <TableCell>
                <StaffRowActions email={member.email} role={member.role} />
              </TableCell>
            ) : null}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
