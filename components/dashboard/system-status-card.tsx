"use client";
import type { ReactNode } from "react";
import { useHealthReport } from "@/components/health/use-health-report";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import type { HealthReport } from "@/lib/contracts/health-response";
import { formatCount } from "@/components/ui/format-count";
import { levelLabel } from "@/lib/contracts/levels-order";

/** The live connection checks of GET /api/health in one compact card. */
export function SystemStatusCard() {
  return (
    <Card>
      <CardHeader>
        <CardTitle>System status</CardTitle>
      </CardHeader>
      <SystemStatusBody />
    </Card>
  );
}

function SystemStatusBody() {
  const { data: report, isPending, isError, error, refetch, isFetching } = useHealthReport();
  if (isPending) {
    return (
      <CardContent aria-busy="true">
        <Skeleton className="h-24" />
      </CardContent>
    );
  }
  if (isError) {
    return (
      <CardContent>
        <Alert tone="error" title="Could not load the status">
          <p>{error.message}</p>
          <Button variant="secondary" size="sm" className="mt-3" isPending={isFetching} onClick={() => void refetch()}>
            Try again
          </Button>
        </Alert>
      </CardContent>
    );
  }
  return (
    <>
      <CardContent>
        <dl className="grid gap-2 text-sm">
          <StatusLine
            label="Database"
            tone={report.database.ok ? "success" : "danger"}
            status={report.database.ok ? "Reachable" : "Unreachable"}
          >
            {report.database.ok ? `${report.database.latencyMs} ms` : (report.database.error ?? "unknown error")}
          </StatusLine>
          <StatusLine label="HubSpot" {...hubspotStatus(report.hubspot)}>
            {report.hubspot.ok ? <span>Portal {report.hubspot.portalId}</span> : hubspotDetail(report.hubspot)}
          </StatusLine>
        </dl>
      </CardContent>
      {report.levels.length > 0 ? (
        <Table caption="Level tables and their row counts" className="border-t border-slate-100">
          <TableHead>
            <tr>
              <TableHeaderCell>Level</TableHeaderCell>
              <TableHeaderCell>Table</TableHeaderCell>
              <TableHeaderCell className="text-right">Rows</TableHeaderCell>
            </tr>
          </TableHead>
          <TableBody>
            {report.levels.map((level) => (
              <TableRow key={level.table}>
                <TableCell className="py-1.5 font-medium">{levelLabel(level.level)}</TableCell>
                <TableCell className="py-1.5 font-mono text-xs text-slate-600">{level.table}</TableCell>
                <TableCell className="py-1.5 text-right tabular-nums">
                  {level.estimated ? <span title="Estimate from table statistics">≈ </span> : null}
                  {formatCount(level.rows)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : (
        <CardContent className="border-t border-slate-100 text-sm text-slate-600 wrap-anywhere">
          {report.levelsError ?? (
            <>
              No level tables found in the source schema (<code className="font-mono">SOURCE_SCHEMA</code>): tables must
              be named <code className="font-mono">{"{level}"}_progress</code>, for example{" "}
              <code className="font-mono">a1_progress</code>.
            </>
          )}
        </CardContent>
      )}
    </>
  );
}

function StatusLine({
  label,
  tone,
  status,
  children,
}: {
  label: string;
  tone: "success" | "warning" | "danger";
  status: string;
  children: ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-2">
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd className="flex items-center gap-2 text-slate-600">
        <span className="text-xs">{children}</span>
        <Badge tone={tone}>{status}</Badge>
      </dd>
    </div>
  );
}

function hubspotStatus(hubspot: HealthReport["hubspot"]): { tone: "success" | "warning" | "danger"; status: string } {
  if (!hubspot.configured) return { tone: "warning", status: "Not configured" };
  return hubspot.ok ? { tone: "success", status: "Connected" } : { tone: "danger", status: "Error" };
}

function hubspotDetail(hubspot: HealthReport["hubspot"]): string {
  return hubspot.configured ? (hubspot.error ?? "unknown error") : "No access token: previews only";
}
