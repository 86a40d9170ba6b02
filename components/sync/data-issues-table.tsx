"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { readPreviewIssuesPage } from "@/app/actions/read-preview-page";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { syncKeys } from "@/lib/query-keys";
import { IssueTable } from "./issue-table";
import { Pager } from "./pager";

const PAGE_SIZE = 15;

/**
 * Learners the sync skips or sends with values left out: missing or invalid emails, duplicates,
 * excluded values. A stored preview's issues, read from the server a page at a time.
 */
export function DataIssuesTable({ runId, total }: { runId: number; total: number }) {
  const [page, setPage] = useState(1);
  const issues = useQuery({
    queryKey: syncKeys.previewIssues(runId, page),
    queryFn: async () => {
      const result = await readPreviewIssuesPage({ runId, page, pageSize: PAGE_SIZE });
      if (!result.ok) throw new Error(result.error.message);
      return result.data;
    },
    enabled: total > 0,
    placeholderData: keepPreviousData,
  });
  if (total === 0)
    return <EmptyState title="No data issues">Every learner has a valid, unique email and clean values.</EmptyState>;
  if (issues.isPending) return <Skeleton className="h-48" />;
  if (issues.isError)
    return (
      <Alert tone="error" title="Could not load the data issues">
        {issues.error.message}
      </Alert>
    );
  const pageCount = Math.max(1, Math.ceil(issues.data.total / PAGE_SIZE));
  const start = (issues.data.page - 1) * PAGE_SIZE;
  const rows = issues.data.items.map((issue, index) => ({
    ...issue,
    key: `${issue.userId}-${issue.kind}-${start + index}`,
  }));
  return (
    <div className="space-y-3" aria-busy={issues.isPlaceholderData || undefined}>
      <IssueTable caption="Data issues" rows={rows} />
      <Pager page={page} pageCount={pageCount} onPageChange={setPage} label="Issues page" />
    </div>
  );
}
