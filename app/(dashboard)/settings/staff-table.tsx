import { RoleBadge } from "@/components/shell/role-badge";
import { DateTime } from "@/components/ui/date-time";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import type { StaffMember } from "./list-staff";

export function StaffTable({ staff, currentUserId }: { staff: StaffMember[]; currentUserId: string }) {
  return (
    <Table caption="Staff members and their roles">
      <TableHead>
        <tr>
          <TableHeaderCell>Email</TableHeaderCell>
          <TableHeaderCell>Role</TableHeaderCell>
          <TableHeaderCell>Added</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {staff.map((member) => (
          <TableRow key={member.user_id}>
            <TableCell className="font-medium">
              {member.email}
              {member.user_id === currentUserId ? <span className="ml-2 text-xs font-normal text-slate-500">(you)</span> : null}
            </TableCell>
            <TableCell>
              <RoleBadge role={member.role} />
            </TableCell>
            <TableCell className="whitespace-nowrap text-slate-600">
              <DateTime value={member.created_at} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
