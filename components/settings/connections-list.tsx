import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import type { ConnectionsReport } from "@/lib/settings/check-connections";

function Row({ name, status, children }: { name: string; status: ReactNode; children?: ReactNode }) {
  return (
    <div className="flex flex-col gap-1 px-5 py-3 sm:flex-row sm:items-center sm:justify-between">
      <dt className="text-sm font-medium text-slate-900">{name}</dt>
      <dd className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
        {status}
        {children}
      </dd>
    </div>
  );
}

const ok = (label: string) => <Badge tone="success">{label}</Badge>;
const bad = (label: string) => <Badge tone="danger">{label}</Badge>;

export function ConnectionsList({ report }: { report: ConnectionsReport }) {
  const { database, hubspot, lastCronRun } = report;
  return (
    <dl className="divide-y divide-slate-100">
      <Row name="Database" status={database.ok ? ok("reachable") : bad("unreachable")}>
        {database.ok ? <span className="tabular-nums">{database.latencyMs} ms</span> : <span>{database.error}</span>}
      </Row>
      <Row
        name="HubSpot token"
        status={
          hubspot.status === "ok" ? (
            ok("valid")
          ) : hubspot.status === "not_configured" ? (
            <Badge tone="warning">not configured</Badge>
          ) : (
            bad(hubspot.category)
          )
        }
      >
        {hubspot.status === "ok" ? <span>portal {hubspot.portalId}</span> : null}
        {hubspot.status === "error" ? <span>{hubspot.message}</span> : null}
        {hubspot.status === "not_configured" ? <span>Set HUBSPOT_ACCESS_TOKEN on the server.</span> : null}
      </Row>
      <Row
        name="CRON_SECRET"
        status={report.isCronSecretConfigured ? ok("configured") : <Badge tone="warning">not set</Badge>}
      >
        {report.isCronSecretConfigured ? null : <span>The cron route refuses every call until it is set.</span>}
      </Row>
      <Row
        name="Last cron run"
        status={
          lastCronRun ? (
            <Badge tone={lastCronRun.status === "succeeded" ? "success" : "neutral"}>{lastCronRun.status}</Badge>
          ) : null
        }
      >
        {lastCronRun === undefined ? <span>unknown (database unreachable)</span> : null}
        {lastCronRun === null ? <span>never</span> : null}
        {lastCronRun ? (
          <Link href={`/sync/runs/${lastCronRun.id}`} className="font-medium text-brand-700 underline">
            #{lastCronRun.id}, <DateTime value={lastCronRun.startedAt} />
          </Link>
        ) : null}
      </Row>
    </dl>
  );
}
