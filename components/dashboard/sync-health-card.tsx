import type { ReactNode } from "react";
import Link from "next/link";
import { RunStatusBadge } from "@/components/sync/run-status-badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { SyncHealth } from "@/lib/contracts/kpis-response";
import { formatCount } from "@/components/ui/format-count";

const UTC = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex items-baseline justify-between gap-4 py-1.5">
      <dt className="text-slate-600">{label}</dt>
      <dd className="text-right font-medium text-slate-900 tabular-nums">{children}</dd>
    </div>
  );
}

/** The latest live sync: when, who or what started it, what it wrote, what failed. */
export function SyncHealthCard({ health }: { health: SyncHealth }) {
  const run = health.lastRun;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Sync health</CardTitle>
        <CardDescription>The latest live sync to HubSpot (previews not included).</CardDescription>
      </CardHeader>
      {run === null ? (
        <EmptyState title="No live sync yet">
          Start one from the{" "}
          <Link href="/sync" className="font-medium text-brand-700 underline">
            Sync page
          </Link>
          .
        </EmptyState>
      ) : (
        <CardContent>
          <dl className="divide-y divide-slate-100 text-sm">
            <Fact label="Status">
              <RunStatusBadge status={run.status} />
            </Fact>
            <Fact label="Started">
              <time dateTime={run.startedAt}>{UTC.format(new Date(run.startedAt))} UTC</time>
            </Fact>
            <Fact label="Started by">{run.trigger === "cron" ? "Cron schedule" : run.startedByLabel}</Fact>
            <Fact label="Contacts synced">{formatCount(run.upserted)}</Fact>
            <Fact label="Unchanged, skipped">{formatCount(run.unchanged)}</Fact>
            <Fact label="Failures">
              <span className={run.failed + run.invalid > 0 ? "text-red-700" : undefined}>
                {formatCount(run.failed)} failed, {formatCount(run.invalid)} invalid
              </span>
            </Fact>
          </dl>
          <Link
            href={`/sync/runs/${run.id}`}
            className="mt-3 inline-block text-sm font-medium text-brand-700 underline"
          >
            Open run #{run.id}
          </Link>
        </CardContent>
      )}
    </Card>
  );
}
