import type { Metadata } from "next";
import { Suspense } from "react";
import { LearnerMatchList } from "@/components/learners/learner-match-list";
import { LearnerSearchForm } from "@/components/learners/learner-search-form";
import { PageHeader } from "@/components/shell/page-header";
import { parsePageParam } from "@/components/sync/page-links";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requireStaff } from "@/lib/auth/require-staff";
import { hasRole } from "@/lib/auth/roles";
import { getPool } from "@/lib/db/pool";
import { findLearners } from "@/lib/learners/find-learners";
import { firstParam, parseLearnerQuery } from "@/lib/learners/parse-learner-query";
import { LearnerLookupResult } from "./learner-lookup-result";
import LearnersLoading from "./loading";

export const metadata: Metadata = { title: "Learners" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LearnersPage({ searchParams }: Props) {
  const staff = await requireStaff("viewer");
  const params = await searchParams;
  const raw = firstParam(params.q) ?? "";
  const parsed = raw.trim() === "" ? null : parseLearnerQuery(raw);
  const header = (
    <>
      <PageHeader
        title="Learners"
        description="Look up one learner: what the sync computes now, what HubSpot last confirmed, and every problem recorded."
      />
      <div className="mb-6">
        <LearnerSearchForm query={raw} error={parsed && !parsed.ok ? `Cannot search: ${parsed.message}.` : null} />
      </div>
    </>
  );
  if (parsed === null || !parsed.ok) {
    return (
      <>
        {header}
        {parsed === null ? (
          <Card>
            <EmptyState title="Search for a learner">Type an email (or part of one) or a user id above.</EmptyState>
          </Card>
        ) : null}
      </>
    );
  }
  const matches = await findLearners(getPool(), parsed.query);
  const chosen = matches.exact ?? (matches.items.length === 1 ? matches.items[0] : undefined);
  return (
    <>
      {header}
      {matches.items.length === 0 ? (
        <Card>
          <EmptyState title="No learner found">
            Nobody in the learners view (or with a recorded HubSpot contact) has{" "}
            {parsed.query.kind === "user_id" ? "this user id" : "an email containing"}{" "}
            <span className="font-mono wrap-anywhere">
              {parsed.query.kind === "user_id" ? parsed.query.userId : parsed.query.email}
            </span>
            .
          </EmptyState>
        </Card>
      ) : chosen ? (
        <Suspense key={`${chosen.userId}:${String(params.page)}`} fallback={<LearnersLoading />}>
          <LearnerLookupResult
            userId={chosen.userId}
            historyPage={parsePageParam(params.page)}
            canResend={hasRole(staff.role, "operator")}
          />
        </Suspense>
      ) : (
        <Card>
          <CardHeader>
            <CardTitle>
              {matches.hasMore
                ? `More than ${matches.items.length} learners match`
                : `${matches.items.length} learners match`}
            </CardTitle>
            <CardDescription>
              {matches.hasMore
                ? "The first ones are listed: type more of the email to narrow the search."
                : "Pick one to see their details."}
            </CardDescription>
          </CardHeader>
          <LearnerMatchList matches={matches.items} />
        </Card>
      )}
    </>
  );
}
