"use client";
import { useState } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import type { SyncIssue } from "@/lib/sync";
import { IssueKindBadge } from "./issue-kind-badge";
import { Pager } from "./pager";

const PAGE_SIZE = 15;

/** Learners the sync skips or sends with values left out: invalid emails, duplicates, excluded values. */
export function DataIssuesTable({ issues }: { issues: SyncIssue[] }) {
  const [page, setPage] = useState(1);
  if (issues.length === 0) return <EmptyState title="No data issues">Every learner has a valid, unique email and clean values.</EmptyState>;
  const pageCount = Math.ceil(issues.length / PAGE_SIZE);
  const current = Math.min(page, pageCount);
  const rows = issues.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
  return (
    <div className="space-y-3">
      <div className="rounded-md border border-slate-200">
        <Table caption="Data issues">
          <TableHead>
            <tr>
              <TableHeaderCell>Email</TableHeaderCell>
              <TableHeaderCell>Kind</TableHeaderCell>
              <TableHeaderCell>Message</TableHeaderCell>
            </tr>
          </TableHead>
          <TableBody>
            {rows.map((issue, index) => (
              <TableRow key={`${issue.userId}-${issue.kind}-${index}`}>
                <TableCell className="max-w-56 truncate font-mono text-xs" title={issue.email}>
                  {issue.email || "—"}
                </TableCell>
                <TableCell>
                  <IssueKindBadge kind={issue.kind} />
                </TableCell>
                <TableCell className="text-slate-700">{issue.message}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <Pager page={current} pageCount={pageCount} onPageChange={setPage} label="Issues page" />
    </div>
  );
}
