import type { ReactNode } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardContent } from "@/components/ui/card";
import type { HealthReport } from "@/lib/health/health-report";

function StatusCard({ title, tone, status, children }: { title: string; tone: BadgeTone; status: string; children: ReactNode }) {
  return (
    <Card>
      <CardContent className="flex h-full flex-col gap-2">
        <div className="flex items-center justify-between gap-2">
          <h2 className="text-sm font-medium text-slate-600">{title}</h2>
          <Badge tone={tone}>{status}</Badge>
        </div>
        <div className="text-sm text-slate-700">{children}</div>
      </CardContent>
    </Card>
  );
}

const formatCount = (value: number) => value.toLocaleString("en-US");

export function StatusCards({ report }: { report: HealthReport }) {
  const { database, hubspot, levels } = report;
  const totalRows = levels.reduce((sum, level) => sum + level.rows, 0);
  return (
    <div className="grid gap-4 md:grid-cols-3">
      <StatusCard title="Database" tone={database.ok ? "success" : "danger"} status={database.ok ? "Reachable" : "Unreachable"}>
        {database.ok ? <p>Round trip {database.latencyMs} ms</p> : <p>Error: {database.error ?? "unknown"}</p>}
      </StatusCard>
      <StatusCard title="HubSpot" {...hubspotStatus(report.hubspot)}>
        {hubspot.ok ? <p>Portal {hubspot.portalId}</p> : null}
        {!hubspot.configured ? <p>No access token set: previews work, syncing does not.</p> : null}
        {hubspot.configured && !hubspot.ok ? <p>Error: {hubspot.error ?? "unknown"}</p> : null}
      </StatusCard>
      <StatusCard title="Level tables" tone={levels.length > 0 ? "success" : "warning"} status={`${levels.length} found`}>
        <p>{formatCount(totalRows)} progress rows in total</p>
      </StatusCard>
    </div>
  );
}

function hubspotStatus(hubspot: HealthReport["hubspot"]): { tone: BadgeTone; status: string } {
  if (!hubspot.configured) return { tone: "warning", status: "Not configured" };
  return hubspot.ok ? { tone: "success", status: "Connected" } : { tone: "danger", status: "Error" };
}
