"use client";
import { useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { dashboardDataSchema, type DashboardData } from "@/lib/db/kpis/kpi-report";
import { dashboardKeys } from "@/lib/query-keys";

export const KPI_POLL_MS = 30_000;

const errorBodySchema = z.object({ message: z.string() });

async function fetchDashboardData(signal: AbortSignal): Promise<DashboardData> {
  const response = await fetch("/api/kpis", { cache: "no-store", signal });
  if (response.status === 401) throw new Error("Your session has ended. Reload the page to sign in again.");
  if (response.status === 403) throw new Error("Your account is not a staff member of this dashboard.");
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new Error(errorBodySchema.safeParse(body).data?.message ?? `The KPI endpoint answered HTTP ${response.status}.`);
  const parsed = dashboardDataSchema.safeParse(body);
  if (!parsed.success) throw new Error("The KPI endpoint sent an answer this page does not understand.");
  return parsed.data;
}

/** KPIs, chart data and sync health; refreshed every 30 seconds while the tab is visible. */
export function useDashboardKpis() {
  return useQuery({
    queryKey: dashboardKeys.kpis(),
    queryFn: ({ signal }) => fetchDashboardData(signal),
    refetchInterval: KPI_POLL_MS,
  });
}
