"use client";
import { useQuery } from "@tanstack/react-query";
import { healthReportSchema, type HealthReport } from "@/lib/health/health-report";
import { healthKeys } from "@/lib/query-keys";

export const HEALTH_POLL_MS = 30_000;

/** 503 still carries a full report (database down); anything else is a failed request. */
async function fetchHealthReport(signal: AbortSignal): Promise<HealthReport> {
  const response = await fetch("/api/health", { cache: "no-store", signal });
  if (!response.ok && response.status !== 503) throw new Error(`The status endpoint answered HTTP ${response.status}.`);
  const parsed = healthReportSchema.safeParse(await response.json());
  if (!parsed.success) throw new Error("The status endpoint sent an answer this page does not understand.");
  return parsed.data;
}

export function useHealthReport() {
  return useQuery({
    queryKey: healthKeys.report(),
    queryFn: ({ signal }) => fetchHealthReport(signal),
    refetchInterval: HEALTH_POLL_MS,
  });
}
