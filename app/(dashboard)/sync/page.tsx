import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/page-header";
import { RunsTable } from "./runs-table";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requireStaff } from "@/lib/auth/require-staff";
import { getPool } from "@/lib/db/pool";
import { listRecentRuns } from "./list-recent-runs";

export const metadata: Metadata = { title: "Sync" };

const RECENT_RUNS_LIMIT = 25;

export default async function SyncPage() {
  await requireStaff("viewer");
  const runs = await listRecentRuns(getPool(), RECENT_RUNS_LIMIT);
  return (
    <>
      <PageHeader title="Sync" description="Runs that pushed learner progress to HubSpot, or previewed it." />
      <Card>
        <CardHeader>
          <CardTitle>Recent runs</CardTitle>
          <CardDescription>Newest first, up to {RECENT_RUNS_LIMIT}. “Failed” includes learners with invalid emails.</CardDescription>
        </CardHeader>
        {runs.length === 0 ? (
          <EmptyState title="No sync runs yet">
            Runs started from this dashboard, the CLI (<code className="font-mono">npm run sync</code>) or the cron job appear here.
          </EmptyState>
        ) : (
          <RunsTable runs={runs} />
        )}
      </Card>
    </>
  );
}
