"use client";
import { useState } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import type { SyncIssue } from "@/lib/sync";
import { IssueTable } from "./issue-table";
import { Pager } from "./pager";

const PAGE_SIZE = 15;

/** Learners the sync skips or sends with values left out: missing or invalid emails, duplicates, excluded values. */
export function DataIssuesTable({ issues }: { issues: SyncIssue[] }) {
  const [page, setPage] = useState(1);
  if (issues.length === 0) return <EmptyState title="No data issues">Every learner has a valid, unique email and clean values.</EmptyState>;
  const pageCount = Math.ceil(issues.length / PAGE_SIZE);
  const current = Math.min(page, pageCount);
  const start = (current - 1) * PAGE_SIZE;
  const rows = issues.slice(start, start + PAGE_SIZE).map((issue, index) => ({ ...issue, key: `${issue.userId}-${issue.kind}-${start + index}` }));
  return (
    <div className="space-y-3">
      <IssueTable caption="Data issues" rows={rows} />
      <Pager page={current} pageCount={pageCount} onPageChange={setPage} label="Issues page" />
    </div>
  );
}
