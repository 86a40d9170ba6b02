"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { previewPayload, type PreviewPayloadResult } from "@/app/actions/preview-payload";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DownloadLink } from "@/components/ui/download-link";
import { BatchViewer } from "./batch-viewer";
import { DataIssuesTable } from "./data-issues-table";
import { formatCount } from "@/components/ui/format-count";
import { formatDurationMs } from "./format";
import { PropertyPlanTable } from "@/components/properties/property-plan-table";
import { describePreviewQuota } from "./describe-preview-quota";

function SummaryStat({ label, value }: { label: string; value: number }) {
  return (
    <div className="rounded-md border border-slate-200 px-4 py-3">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="text-xl font-semibold text-slate-900 tabular-nums">{formatCount(value)}</dd>
    </div>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="space-y-3">
      <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
      {children}
    </section>
  );
}

/** The daily quota line: a warning when the sync needs more than what is left of today's quota. */
function QuotaNote({ quota }: { quota: PreviewPayloadResult["quota"] }) {
  const text = describePreviewQuota(quota);
  return text.isSpread ? (
    <Alert tone="warning" title={text.title}>
      {text.detail}
    </Alert>
  ) : (
    <p className="text-sm text-slate-600">
      <span className="font-medium text-slate-700">{text.title}.</span> {text.detail}
    </p>
  );
}

function PreviewResult({ result }: { result: PreviewPayloadResult }) {
  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-600">
        {result.joined ? "Joined the preview another staff member had started: " : ""}Dry run #{result.runId} over{" "}
        {result.levels.length > 0 ? result.levels.map((level) => level.toUpperCase()).join(", ") : "no levels"}, took{" "}
        {formatDurationMs(result.durationMs)}. Nothing was written to HubSpot.
      </p>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-label="Preview summary">
        <SummaryStat label="Learners" value={result.summary.learners} />
        <SummaryStat label="To upsert" value={result.summary.toUpsert} />
        <SummaryStat label="Unchanged" value={result.summary.unchanged} />
        <SummaryStat label="Not sendable (email)" value={result.summary.invalid} />
      </dl>
      <QuotaNote quota={result.quota} />
      <Section title="Property plan">
        <PropertyPlanTable entries={result.propertyPlan} />
      </Section>
      <Section title={`Data issues (${formatCount(result.issueCount)})`}>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <p className="text-xs text-slate-600">
            Missing, invalid and duplicate emails of every learner (never sent); excluded values of the learners this
            sync would send.
          </p>
          {result.issueCount > 0 ? (
            <DownloadLink
              href={`/api/export/previews/${result.runId}/issues`}
              what={`the data issues of preview #${result.runId}`}
            />
          ) : null}
        </div>
        <DataIssuesTable runId={result.runId} total={result.issueCount} />
      </Section>
      <Section title={`Batches (${formatCount(result.batchCount)})`}>
        {result.batchCount > 0 ? (
          // Streamed by the server from the stored plan: the whole document never passes through this page.
          <a
            href={`/api/export/previews/${result.runId}/document`}
            download
            className={buttonClasses("secondary", "sm")}
          >
            Download JSON<span className="sr-only"> of preview #{result.runId}</span>
          </a>
        ) : null}
        <BatchViewer runId={result.runId} batchCount={result.batchCount} />
      </Section>
    </div>
  );
}

/** "Preview payload": the dry run's plan and the exact request bodies, for every staff role. */
export function PreviewPanel() {
  const router = useRouter();
  const preview = useMutation({
    mutationFn: async () => {
      const result = await previewPayload({});
      if (!result.ok) throw new Error(result.error.message);
      return result.data;
    },
    // The dry run is recorded in the history below.
    onSuccess: () => router.refresh(),
  });

  return (
    <Card>
      <CardHeader className="sm:flex-row sm:items-start sm:justify-between">
        <div className="space-y-1">
          <CardTitle>Preview payload</CardTitle>
          <CardDescription>
            A dry run: the property plan, data issues and the exact batches a sync would send. Writes nothing to
            HubSpot.
          </CardDescription>
        </div>
        <Button
          variant="secondary"
          className="self-start"
          onClick={() => preview.mutate()}
          isPending={preview.isPending}
        >
          Preview payload
        </Button>
      </CardHeader>
      <CardContent>
        {preview.isPending ? (
          <p className="text-sm text-slate-600" role="status">
            Running the dry run…
          </p>
        ) : preview.isError ? (
          <Alert tone="error" title="The preview failed">
            {preview.error.message}
          </Alert>
        ) : preview.data ? (
          <PreviewResult result={preview.data} />
        ) : (
          <p className="text-sm text-slate-600">Run a preview to see what the next sync would send.</p>
        )}
      </CardContent>
    </Card>
  );
}
