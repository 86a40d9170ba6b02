"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { readPreviewBatchPage } from "@/app/actions/read-preview-page";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { syncKeys } from "@/lib/query-keys";
import { Pager } from "./pager";

/** The stored body pretty-printed, and its contact count; the raw text if it is not JSON after all. */
function describeBody(body: string): { text: string; contacts: number | null } {
  try {
    const parsed: unknown = JSON.parse(body);
    const inputs =
      typeof parsed === "object" && parsed !== null && "inputs" in parsed && Array.isArray(parsed.inputs)
        ? parsed.inputs
        : null;
    return { text: JSON.stringify(parsed, null, 2), contacts: inputs?.length ?? null };
  } catch {
    return { text: body, contacts: null };
  }
}

/**
 * The batch/upsert bodies of a stored preview, one batch per page, fetched from the server when
 * shown: a large preview never puts thousands of lines into the page.
 */
export function BatchViewer({ runId, batchCount }: { runId: number; batchCount: number }) {
  const [page, setPage] = useState(1);
  const [copied, setCopied] = useState<"copied" | "failed" | null>(null);
  const batch = useQuery({
    queryKey: syncKeys.previewBatch(runId, page),
    queryFn: async () => {
      const result = await readPreviewBatchPage({ runId, batch: page });
      if (!result.ok) throw new Error(result.error.message);
      return result.data;
    },
    enabled: batchCount > 0,
    placeholderData: keepPreviousData,
  });
  if (batchCount === 0)
    return <EmptyState title="Nothing to send">Every learner is unchanged since the last sync, or invalid.</EmptyState>;

  const { text, contacts } = batch.data ? describeBody(batch.data.body) : { text: "", contacts: null };

  async function handleCopy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied("copied");
    } catch {
      setCopied("failed");
    }
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Pager
          page={page}
          pageCount={batchCount}
          onPageChange={(next) => {
            setPage(next);
            setCopied(null);
          }}
          label="Batch"
        />
        <div className="flex items-center gap-2">
          <span className="text-xs text-slate-600" role="status">
            {copied === "copied" ? "Batch copied" : copied === "failed" ? "Copy failed: select the text instead" : null}
          </span>
          <Button variant="secondary" size="sm" onClick={handleCopy} disabled={!batch.data}>
            Copy batch
          </Button>
        </div>
      </div>
      {batch.isPending ? (
        <Skeleton className="h-64" />
      ) : batch.isError ? (
        <Alert tone="error" title={`Could not load batch ${page}`}>
          {batch.error.message}
        </Alert>
      ) : (
        <>
          <p className="text-xs text-slate-600">
            Batch {batch.data.batch}: {contacts ?? "?"} contacts, exactly the body a live run POSTs to{" "}
            <code className="font-mono wrap-anywhere">/crm/v3/objects/contacts/batch/upsert</code>.
          </p>
          <pre
            tabIndex={0}
            aria-label={`Batch ${batch.data.batch} JSON`}
            className="max-h-[32rem] overflow-auto rounded-md border border-slate-200 bg-code p-4 font-mono text-xs leading-relaxed text-code-ink"
          >
            {text}
          </pre>
        </>
      )}
    </div>
  );
}
