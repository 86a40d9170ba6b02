import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/shell/page-header";
import { describeRunStop } from "@/components/sync/describe-run-stop";
import { formatCount } from "@/components/ui/format-count";
import { TRIGGER_LABELS } from "@/lib/contracts/runs";
import { runDuration } from "@/components/sync/format";
import { PageLinks, parsePageParam } from "@/components/sync/page-links";
import { RunErrorsTable } from "@/components/sync/run-errors-table";
import { RunStatusBadge } from "@/components/sync/run-status-badge";
import { RunStopNotice } from "@/components/sync/run-stop-notice";
import { VerifyDifferencesTable } from "@/components/sync/verify-differences-table";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { DownloadLink } from "@/components/ui/download-link";
import { EmptyState } from "@/components/ui/empty-state";
import { requireStaff } from "@/lib/auth/require-staff";
import { getPool } from "@/lib/db/pool";
import { DEFAULT_BATCH_SIZE, getRun } from "@/lib/sync";
import { quotaPauseOf } from "@/lib/sync/runs/read-runs";

const ERRORS_PER_PAGE = 25;

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Run #${(await params).id}` };
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm text-slate-900 wrap-anywhere">{children}</dd>
    </div>
  );
}

export default async function RunPage({ params, searchParams }: Props) {
  await requireStaff("viewer");
  const { id } = await params;
  if (!/^\d{1,15}$/.test(id)) notFound();
  const page = parsePageParam((await searchParams).page);
  const detail = await getRun(getPool(), Number(id), { page, pageSize: ERRORS_PER_PAGE });
  if (!detail) notFound();
  const { run, errors, errorCounts, chain } = detail;
  const pageCount = Math.max(1, Math.ceil(errors.total / ERRORS_PER_PAGE));
  const stop = describeRunStop({
    status: run.status,
    mode: run.mode,
    chainProcessed: run.chainProcessed,
    total: run.totalLearners,
    upserted: run.upserted,
    resumedByRunId: run.resumedByRunId,
    batchSize: run.options.batchSize ?? DEFAULT_BATCH_SIZE,
    stoppedPhase: run.stoppedPhase,
    quotaPause: quotaPauseOf(run),
  });

  return (
    <>
      <PageHeader
        title={`Run #${run.id}`}
        description={
          <Link href="/sync" className="text-brand-700 underline">
            Back to Sync
          </Link>
        }
        actions={<RunStatusBadge status={run.status} />}
      />
      <div className="space-y-6">
        {stop ? <RunStopNotice description={stop} message={run.message} /> : null}
        <Card>
          <CardHeader>
            <CardTitle>Summary</CardTitle>
            {run.message && !stop ? <CardDescription>{run.message}</CardDescription> : null}
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-6">
              <Fact label="Mode">
                {run.mode === "live" ? "Live" : run.mode === "verify" ? "Verify (read back from HubSpot)" : "Dry run"}
                {run.isFull ? " · full" : ""}
              </Fact>
              <Fact label="Trigger">{TRIGGER_LABELS[run.trigger]}</Fact>
              <Fact label="Started by">{run.startedByLabel}</Fact>
              <Fact label="Started">
                <DateTime value={run.startedAt} />
              </Fact>
              <Fact label="Finished">{run.finishedAt ? <DateTime value={run.finishedAt} /> : "—"}</Fact>
              <Fact label="Duration">{runDuration(run.startedAt, run.finishedAt)}</Fact>
              <Fact label="Levels">
                {run.levels.length > 0 ? run.levels.map((level) => level.toUpperCase()).join(", ") : "—"}
              </Fact>
              <Fact label="Processed">
                {formatCount(run.processed)}
                {run.totalLearners > 0
                  ? ` (chain ${formatCount(run.chainProcessed)} of ${formatCount(run.totalLearners)})`
                  : ""}
              </Fact>
              <Fact label="Upserted">{formatCount(run.upserted)}</Fact>
              <Fact label="Unchanged">{formatCount(run.unchanged)}</Fact>
              <Fact label="Failed">{formatCount(run.failed)}</Fact>
              <Fact label="Not sendable (email)">{formatCount(run.invalid)}</Fact>
              <Fact label="Warnings">{formatCount(run.warnings)}</Fact>
              <Fact label="HubSpot calls">
                {formatCount(run.apiCalls)} ({formatCount(run.writeCalls)} writes)
              </Fact>
              <Fact label="Rate limited / retries">
                {formatCount(run.rateLimited)} / {formatCount(run.retries)}
              </Fact>
            </dl>
            {chain.length > 1 ? (
              <p className="mt-4 text-sm text-slate-600">
                Part of a resumed chain:{" "}
                {chain.map((link, index) => (
                  <span key={link.id}>
                    {index > 0 ? " → " : ""}
                    {link.id === run.id ? (
                      <strong>#{link.id}</strong>
                    ) : (
                      <Link className="text-brand-700 underline" href={`/sync/runs/${link.id}`}>
                        #{link.id}
                      </Link>
                    )}{" "}
                    ({link.status})
                  </span>
                ))}
              </p>
            ) : null}
          </CardContent>
        </Card>
        <Card>
          <CardHeader className="sm:flex-row sm:items-end sm:justify-between">
            <div className="space-y-1">
              <CardTitle>
                {run.mode === "verify" ? "Differences" : "Failed and flagged rows"} ({formatCount(errors.total)})
              </CardTitle>
              <CardDescription>
                {Object.keys(errorCounts).length > 0
                  ? Object.entries(errorCounts)
                      .map(([kind, count]) => `${kind.replaceAll("_", " ")}: ${formatCount(count)}`)
                      .join(" · ")
                  : "Rows HubSpot rejected (with the payload sent), missing and invalid emails, duplicates and excluded values."}
              </CardDescription>
            </div>
            <div className="flex flex-wrap items-center gap-2">
              {errors.total > 0 ? (
                <DownloadLink
                  href={`/api/export/runs/${run.id}/issues`}
                  what={`every failed and flagged row of run #${run.id}`}
                />
              ) : null}
              <PageLinks
                page={page}
                pageCount={pageCount}
                hrefFor={(target) => `/sync/runs/${run.id}?page=${target}`}
                label="Failed and flagged rows"
              />
            </div>
          </CardHeader>
          {errors.items.length === 0 ? (
            <EmptyState title={errors.total > 0 ? `No rows on page ${page}` : "No failed or flagged rows"}>
              {errors.total > 0
                ? `The rows end on page ${pageCount}.`
                : "No learner in this run was rejected, skipped or flagged: nothing to fix."}
            </EmptyState>
          ) : run.mode === "verify" ? (
            <VerifyDifferencesTable errors={errors.items} />
          ) : (
            <RunErrorsTable errors={errors.items} />
          )}
        </Card>
      </div>
    </>
  );
}
