import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import type { AuditEntry } from "@/lib/audit/write-audit";
import { formatAuditDetails } from "./format-audit-details";

export function AuditLogTable({ rows, page, pageCount }: { rows: AuditEntry[]; page: number; pageCount: number }) {
  return (
    <>
      <Table className="relative" caption="Audit log, newest first">
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
              <TableCell className="max-w-xl min-w-64 text-xs break-words text-slate-600">
                {formatAuditDetails(row.details)}
                {Object.keys(row.details).length > 0 ? (
                  <details className="mt-1">
                    <summary className="cursor-pointer text-slate-500">JSON</summary>
                    <pre className="mt-1 max-h-48 overflow-auto rounded bg-slate-50 p-2 font-mono text-[11px] whitespace-pre-wrap">
                      {JSON.stringify(row.details, null, 2)}
                    </pre>
                  </details>
                ) : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <nav
        aria-label="Audit log pages"
        className="flex items-center justify-between gap-2 border-t border-slate-100 px-5 py-3 text-sm text-slate-600"
      >
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
