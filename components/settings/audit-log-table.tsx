import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import type { AuditEntry } from "@/lib/audit/write-audit";

/** Details as compact "key: value" text; values that are objects (before/after) as JSON. */
function formatDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" · ");
}

export function AuditLogTable({ rows, page, pageCount }: { rows: AuditEntry[]; page: number; pageCount: number }) {
  return (
    <>
      <Table caption="Audit log, newest first">
        <TableHead>
          <tr>
            <TableHeaderCell>When</TableHeaderCell>
            <TableHeaderCell>Who</TableHeaderCell>
            <TableHeaderCell>Action</TableHeaderCell>
            <TableHeaderCell>Target</TableHeaderCell>
            <TableHeaderCell>Details</TableHeaderCell>
          </tr>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.id}>
              <TableCell className="whitespace-nowrap text-slate-600">
                <DateTime value={row.at} />
              </TableCell>
              <TableCell className="max-w-48 truncate" title={row.actorLabel}>
                {row.actorLabel}
              </TableCell>
              <TableCell>
                <code className="font-mono text-xs">{row.action}</code>
              </TableCell>
              <TableCell className="font-mono text-xs">{row.target ?? "—"}</TableCell>
              <TableCell className="max-w-xl text-xs break-words text-slate-600">{formatDetails(row.details)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <nav aria-label="Audit log pages" className="flex items-center justify-between gap-2 border-t border-slate-100 px-5 py-3 text-sm text-slate-600">
        <span>
          Page {page} of {pageCount}
        </span>
        <span className="flex gap-2">
          {page > 1 ? (
            <Link href={`/settings?auditPage=${page - 1}#audit-log`} className={buttonClasses("secondary", "sm")}>
              Newer
            </Link>
          ) : null}
          {page < pageCount ? (
            <Link href={`/settings?auditPage=${page + 1}#audit-log`} className={buttonClasses("secondary", "sm")}>
              Older
            </Link>
          ) : null}
        </span>
      </nav>
    </>
  );
}
