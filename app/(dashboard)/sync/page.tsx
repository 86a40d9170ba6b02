import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/page-header";
import { PageLinks, parsePageParam } from "@/components/sync/page-links";
import { PreviewPanel } from "@/components/sync/preview-panel";
import { RunsTable } from "@/components/sync/runs-table";
import { SyncNowPanel } from "@/components/sync/sync-now-panel";
import { VerifyHubSpotButton } from "@/components/sync/verify-hubspot-button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requireStaff } from "@/lib/auth/require-staff";
import { hasRole } from "@/lib/auth/roles";
import { getPool } from "@/lib/db/pool";
import { listRuns } from "@/lib/sync";

export const metadata: Metadata = { title: "Sync" };
/** "Verify HubSpot" is a server action of this page: its read-back continues after the answer (`after`)
 * within this page's function, for up to the sync's time budget. The same limit as the cron route
 * (lib/cron/sync-time-budget.ts; a literal, as Next requires). "Sync now" runs in its workflow's steps. */
export const maxDuration = 300;

const RUNS_PER_PAGE = 20;

export default async function SyncPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await requireStaff("viewer");
  const page = parsePageParam((await searchParams).page);
  const runs = await listRuns(getPool(), { page, pageSize: RUNS_PER_PAGE });
  const pageCount = Math.max(1, Math.ceil(runs.total / RUNS_PER_PAGE));

  return (
    <>
      <PageHeader title="Sync" description="Preview what goes to HubSpot, push it, and see every run." />
      <div className="space-y-6">
        <SyncNowPanel canSync={hasRole(staff.role, "operator")} />
        <PreviewPanel />
        {hasRole(staff.role, "operator") ? <VerifyHubSpotButton /> : null}
        <Card>
          <CardHeader className="sm:flex-row sm:items-end sm:justify-between">
            <div className="space-y-1">
              <CardTitle>Run history</CardTitle>
              <CardDescription>
                Live runs and previews from this dashboard, the CLI and the cron job, newest first.
              </CardDescription>
            </div>
            <PageLinks
              page={page}
              pageCount={pageCount}
              hrefFor={(target) => `/sync?page=${target}`}
              label="Run history"
            />
          </CardHeader>
          {runs.items.length === 0 ? (
            <EmptyState title={page > 1 ? `No runs on page ${page}` : "No sync runs yet"}>
              Runs started from this dashboard, the CLI (<code className="font-mono">npm run sync</code>) or the cron
              job appear here.
            </EmptyState>
          ) : (
            <RunsTable runs={runs.items} />
          )}
        </Card>
      </div>
    </>
  );
}
