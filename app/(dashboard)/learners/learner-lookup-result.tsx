import { notFound } from "next/navigation";
import { LearnerDetailView } from "@/components/learners/learner-detail-view";
import { ResendLearnerButton } from "@/components/learners/resend-learner-button";
import { serverEnv } from "@/lib/config/env";
import { getPool } from "@/lib/db/pool";
import { listLearnerHistory } from "@/lib/learners/list-learner-history";
import { loadLearnerDetail } from "@/lib/learners/load-learner-detail";
import { readPortalId } from "@/lib/learners/read-portal-id";
import { readWithheldProperties } from "@/lib/learners/read-withheld-properties";

const HISTORY_PER_PAGE = 25;

/** One learner, computed now; streamed so the search form is on screen while this loads. */
export async function LearnerLookupResult({
  userId,
  historyPage,
  canResend,
}: {
  userId: string;
  historyPage: number;
  canResend: boolean;
}) {
  const pool = getPool();
  const [detail, history, portalId] = await Promise.all([
    loadLearnerDetail(pool, userId, {
      sourceSchema: serverEnv().SOURCE_SCHEMA,
      readWithheld: readWithheldProperties,
    }),
    listLearnerHistory(pool, userId, { page: historyPage, pageSize: HISTORY_PER_PAGE }),
    readPortalId(),
  ]);
  // Found a moment ago by the search: gone now means deleted in between.
  if (!detail) notFound();
  return (
    <LearnerDetailView
      detail={detail}
      history={history}
      portalId={portalId}
      action={
        canResend && detail.learner.isInView && detail.next.kind !== "staff_without_progress" ? (
          <ResendLearnerButton userId={detail.learner.userId} />
        ) : undefined
      }
    />
  );
}
