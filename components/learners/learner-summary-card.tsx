import Link from "next/link";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { hubspotRecordUrl } from "@/lib/learners/hubspot-record-url";
import type { LearnerDetail } from "@/lib/learners/load-learner-detail";
import { describeNextSend } from "./describe-next-send";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm text-slate-900 wrap-anywhere">{children}</dd>
    </div>
  );
}

function ContactLink({ contactId, portalId }: { contactId: string; portalId: number | null }) {
  if (portalId === null) return <span className="font-mono">{contactId}</span>;
  return (
    <a
      href={hubspotRecordUrl(portalId, contactId)}
      target="_blank"
      rel="noreferrer"
      className="font-mono text-brand-700 underline"
    >
      {contactId}
      <span className="sr-only"> (opens the contact in HubSpot, new tab)</span>
    </a>
  );
}

/** Who the learner is, which HubSpot contact holds their values, and what the next sync does. */
export function LearnerSummaryCard({
  detail,
  portalId,
  action,
}: {
  detail: LearnerDetail;
  portalId: number | null;
  action?: ReactNode;
}) {
  const { learner, contact } = detail;
  const next = describeNextSend(detail.next, contact !== null);
  return (
    <Card>
      <CardHeader className="sm:flex-row sm:items-start sm:justify-between">
        <CardTitle>{learner.email ?? "Learner without an email"}</CardTitle>
        {action}
      </CardHeader>
      <CardContent className="space-y-4">
        <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <Fact label="User id">
            <span className="font-mono">{learner.userId}</span>
          </Fact>
          <Fact label="HubSpot contact id">
            {contact?.hubspotId ? (
              <ContactLink contactId={contact.hubspotId} portalId={portalId} />
            ) : (
              "None recorded yet"
            )}
          </Fact>
          <Fact label="Last confirmed by HubSpot">
            {contact ? (
              <>
                <DateTime value={contact.syncedAt} />
                {contact.runId !== null ? (
                  <>
                    {" "}
                    (
                    <Link href={`/sync/runs/${contact.runId}`} className="text-brand-700 underline">
                      run #{contact.runId}
                    </Link>
                    )
                  </>
                ) : null}
              </>
            ) : (
              "Never"
            )}
          </Fact>
          {contact ? <Fact label="Written under email">{contact.email}</Fact> : null}
          {contact?.resendRequestedAt ? (
            <Fact label="Resend pending since">
              <DateTime value={contact.resendRequestedAt} />
              {contact.resendReason ? (
                <span className="block text-xs text-slate-600">{contact.resendReason}</span>
              ) : null}
            </Fact>
          ) : null}
        </dl>
        <Alert tone={next.tone} title={next.title}>
          {next.details.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </Alert>
      </CardContent>
    </Card>
  );
}
