import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { IssueKindBadge } from "./issue-kind-badge";

export interface IssueTableRow {
  key: string | number;
  /** Null or "" when the learner has none (a `missing_email` row): shown as a dash. */
  email: string | null;
  kind: string;
  message: string;
}

/** Email, kind and message of flagged learners: the preview's data issues and a finished run's failures. */
export function IssueTable({ caption, rows }: { caption: string; rows: readonly IssueTableRow[] }) {
  return (
    <div className="rounded-md border border-slate-200">
      <Table caption={caption} hasStickyFirstColumn>
        <TableHead>
          <tr>
            <TableHeaderCell>Email</TableHeaderCell>
            <TableHeaderCell>Kind</TableHeaderCell>
            <TableHeaderCell>Message</TableHeaderCell>
          </tr>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.key}>
              <TableCell className="max-w-40 truncate font-mono text-xs sm:max-w-56" title={row.email || undefined}>
                {row.email || "—"}
              </TableCell>
              <TableCell>
                <IssueKindBadge kind={row.kind} />
              </TableCell>
              <TableCell className="min-w-60 text-slate-700 wrap-anywhere">{row.message}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
