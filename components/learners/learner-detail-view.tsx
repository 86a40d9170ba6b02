import type { ReactNode } from "react";
import { PageLinks } from "@/components/sync/page-links";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { DownloadLink } from "@/components/ui/download-link";
import { EmptyState } from "@/components/ui/empty-state";
import type { LearnerHistoryPage } from "@/lib/learners/list-learner-history";
import type { LearnerDetail } from "@/lib/learners/load-learner-detail";
import { LearnerHistoryTable } from "./learner-history-table";
import { LearnerSummaryCard } from "./learner-summary-card";
import { LevelMetricsTable } from "./level-metrics-table";
import { PayloadValuesTable } from "./payload-values-table";

interface LearnerDetailViewProps {
  detail: LearnerDetail;
  history: LearnerHistoryPage;
  portalId: number | null;
  /** The resend button, for operators and admins. */
  action?: ReactNode;
}

export function LearnerDetailView({ detail, history, portalId, action }: LearnerDetailViewProps) {
  const uncheckedWithheld = detail.withheldUncheckedReason;
  const { contact, learner } = detail;
  const pageCount = Math.max(1, Math.ceil(history.total / history.pageSize));
  const hrefFor = (page: number) => `/learners?q=${learner.userId}&page=${page}`;
  return (
    <div className="space-y-6">
      <LearnerSummaryCard detail={detail} portalId={portalId} action={action} />
      {learner.isInView ? (
        <Card>
          <CardHeader>
            <CardTitle>Metrics computed now</CardTitle>
            <CardDescription>
              From the level tables, as the next sync aggregates them, for every enabled level.
            </CardDescription>
          </CardHeader>
          {detail.levels.length === 0 ? (
            <EmptyState title="No enabled levels">Enable a level on the Settings page to sync it.</EmptyState>
          ) : (
            <LevelMetricsTable levels={detail.levels} />
          )}
        </Card>
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle>What the next sync changes</CardTitle>
          <CardDescription>
            Each property whose value differs between the last payload HubSpot confirmed and the one the next sync
            sends.
            {uncheckedWithheld
              ? ` Not checked for properties withheld because of type drift: ${uncheckedWithheld}.`
              : ""}
          </CardDescription>
        </CardHeader>
        {detail.differences.length === 0 ? (
          <EmptyState title={detail.nextPayload ? "No differences" : "Nothing will be sent"}>
            {detail.nextPayload
              ? "HubSpot holds the values the sync computes now."
              : "See above for why the next sync sends nothing for this learner."}
          </EmptyState>
        ) : (
          <PayloadValuesTable
            caption="Differences between the last confirmed payload and the next one"
            columns={["Last sent", "Next value"]}
            rows={detail.differences.map((difference) => ({
              property: difference.property,
              values: [difference.lastSent, difference.next],
            }))}
          />
        )}
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Last payload confirmed by HubSpot</CardTitle>
          <CardDescription>
            {contact ? (
              <>
                Confirmed <DateTime value={contact.syncedAt} />.
              </>
            ) : (
              "HubSpot has not confirmed any payload for this learner yet."
            )}
          </CardDescription>
        </CardHeader>
        {contact?.payload ? (
          <PayloadValuesTable
            caption="Last payload confirmed by HubSpot"
            columns={["Value"]}
            rows={Object.entries(contact.payload).map(([property, value]) => ({ property, values: [value] }))}
          />
        ) : contact ? (
          <EmptyState title="Payload not recorded">
            This learner was last written before payloads were kept; the next write records it.
          </EmptyState>
        ) : null}
      </Card>
      <Card>
        <CardHeader className="sm:flex-row sm:items-end sm:justify-between">
          <div className="space-y-1">
            <CardTitle>Run errors and warnings ({history.total})</CardTitle>
            <CardDescription>
              Every rejected write, data warning and verify difference recorded for this learner, newest first.
            </CardDescription>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            {history.total > 0 ? (
              <DownloadLink
                href={`/api/export/learner-history?userId=${learner.userId}`}
                what={`the run errors and warnings of ${learner.email ?? learner.userId}`}
              />
            ) : null}
            <PageLinks page={history.page} pageCount={pageCount} hrefFor={hrefFor} label="Run errors and warnings" />
          </div>
        </CardHeader>
        {history.items.length === 0 ? (
          <EmptyState title={history.total > 0 ? `No rows on page ${history.page}` : "No run errors or warnings"}>
            {history.total > 0
              ? `The rows end on page ${pageCount}.`
              : "No run has recorded a problem for this learner."}
          </EmptyState>
        ) : (
          <LearnerHistoryTable items={history.items} />
        )}
      </Card>
    </div>
  );
}
