"use client";
import { useQuery } from "@tanstack/react-query";
import { healthReportSchema } from "@/lib/contracts/health-response";
import { fetchJson } from "@/lib/fetch-json";
import { healthKeys } from "@/lib/query-keys";

export const HEALTH_POLL_MS = 30_000;

/** A 503 still carries a full report (the database is down): it is an answer, not a failed request. */
export function useHealthReport() {
  return useQuery({
    queryKey: healthKeys.report(),
    queryFn: ({ signal }) => fetchJson("/api/health", healthReportSchema, { signal, acceptStatuses: [503] }),
    refetchInterval: HEALTH_POLL_MS,
  });
}
