"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { DryRunDocument } from "@/lib/sync";
import { Pager } from "./pager";

/**
 * The batch/upsert bodies, one batch per page: only the shown batch is stringified and rendered,
 * so a large preview does not put thousands of lines into the DOM.
 */
export function BatchViewer({ document }: { document: DryRunDocument }) {
  const [page, setPage] = useState(1);
  const [copied, setCopied] = useState<"copied" | "failed" | null>(null);
  const { batches } = document;
  if (batches.length === 0) return <EmptyState title="Nothing to send">Every learner is unchanged since the last sync, or invalid.</EmptyState>;

  const current = Math.min(page, batches.length);
  const text = JSON.stringify(batches[current - 1], null, 2);
  const contacts = batches[current - 1]?.inputs.length ?? 0;

  async function handleCopy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied("copied");
    } catch {
      setCopied("failed");
    }
  }

  function handleDownload() {
    const blob = new Blob([JSON.stringify(document, null, 2)], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const link = window.document.createElement("a");
    link.href = url;
    link.download = `hubspot-dry-run-${new Date().toISOString().slice(0, 19).replaceAll(":", "-")}.json`;
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Pager page={current} pageCount={batches.length} onPageChange={(next) => { setPage(next); setCopied(null); }} label="Batch" />
        <div className="flex items-center gap-2">
          <span className="text-xs text-slate-600" role="status">
            {copied === "copied" ? "Batch copied" : copied === "failed" ? "Copy failed: select the text instead" : null}
          </span>
          <Button variant="secondary" size="sm" onClick={handleCopy}>
            Copy batch
          </Button>
          <Button variant="secondary" size="sm" onClick={handleDownload}>
            Download JSON
          </Button>
        </div>
      </div>
      <p className="text-xs text-slate-600">
        Batch {current}: {contacts} contacts, exactly the body a live run POSTs to <code className="font-mono">/crm/v3/objects/contacts/batch/upsert</code>.
      </p>
      <pre
        tabIndex={0}
        aria-label={`Batch ${current} JSON`}
        className="max-h-[32rem] overflow-auto rounded-md border border-slate-200 bg-slate-950 p-4 font-mono text-xs leading-relaxed text-slate-100"
      >
        {text}
      </pre>
    </div>
  );
}
