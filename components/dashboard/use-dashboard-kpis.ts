"use client";
import { useQuery } from "@tanstack/react-query";
import { dashboardDataSchema } from "@/lib/contracts/kpis-response";
import { fetchJson } from "@/lib/fetch-json";
import { dashboardKeys } from "@/lib/query-keys";

export const KPI_POLL_MS = 30_000;

/** KPIs, chart data and sync health; refreshed every 30 seconds while the tab is visible. */
export function useDashboardKpis() {
  return useQuery({
    queryKey: dashboardKeys.kpis(),
    queryFn: ({ signal }) => fetchJson("/api/kpis", dashboardDataSchema, { signal }),
    refetchInterval: KPI_POLL_MS,
  });
}
