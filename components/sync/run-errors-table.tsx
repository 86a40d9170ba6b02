import { DateTime } from "@/components/ui/date-time";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import type { RunErrorRecord } from "@/lib/sync";
import { IssueKindBadge } from "./issue-kind-badge";

/** Per-row errors of one run; rows HubSpot rejected carry the exact input that was sent, folded away. */
export function RunErrorsTable({ errors }: { errors: RunErrorRecord[] }) {
  return (
    <Table caption="Failed and flagged rows of this run" hasStickyFirstColumn>
      <TableHead>
        <tr>
          <TableHeaderCell>Email</TableHeaderCell>
          <TableHeaderCell>Level</TableHeaderCell>
          <TableHeaderCell>Kind</TableHeaderCell>
          <TableHeaderCell>Message and payload sent</TableHeaderCell>
          <TableHeaderCell>At</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {errors.map((error) => (
          <TableRow key={error.id} className="align-top">
            <TableCell
              className="max-w-40 truncate align-top font-mono text-xs sm:max-w-56"
              title={error.email ?? undefined}
            >
              {error.email ?? "—"}
            </TableCell>
            <TableCell className="align-top font-mono text-xs">{error.level?.toUpperCase() ?? "—"}</TableCell>
            <TableCell className="align-top">
              <IssueKindBadge kind={error.kind} />
            </TableCell>
            <TableCell className="min-w-60 align-top sm:min-w-72">
              <p className="text-slate-700 wrap-anywhere">{error.message}</p>
              {error.payload === null || error.payload === undefined ? null : (
                <details className="mt-2">
                  <summary className="cursor-pointer text-xs font-medium text-brand-700">Payload sent</summary>
                  <pre
                    tabIndex={0}
                    aria-label="Payload sent"
                    className="mt-2 max-h-72 overflow-auto rounded-md bg-code p-3 font-mono text-xs text-code-ink"
                  >
                    {JSON.stringify(error.payload, null, 2)}
                  </pre>
                </details>
              )}
            </TableCell>
            <TableCell className="align-top whitespace-nowrap text-xs">
              <DateTime value={error.createdAt} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
