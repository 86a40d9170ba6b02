"use client";
import { useQuery } from "@tanstack/react-query";
import { syncKeys } from "@/lib/query-keys";
import { isRunActive, liveRunStateSchema, type LiveRunState } from "./live-run-state";

/** About once a second while a run is active; otherwise slowly, to notice runs started by cron or the CLI. */
export const ACTIVE_POLL_MS = 1_000;
export const IDLE_POLL_MS = 15_000;

async function fetchLiveRun(signal: AbortSignal): Promise<LiveRunState> {
  const response = await fetch("/api/runs/live", { cache: "no-store", signal });
  if (response.status === 401) throw new Error("Your session has ended. Sign in again.");
  if (!response.ok) throw new Error(`The run status endpoint answered HTTP ${response.status}.`);
  const parsed = liveRunStateSchema.safeParse(await response.json());
  if (!parsed.success) throw new Error("The run status endpoint sent an answer this page does not understand.");
  return parsed.data;
}

export function useLiveRun() {
  return useQuery({
    queryKey: syncKeys.liveRun(),
    queryFn: ({ signal }) => fetchLiveRun(signal),
    refetchInterval: (query) => (isRunActive(query.state.data?.run ?? null) ? ACTIVE_POLL_MS : IDLE_POLL_MS),
    staleTime: 0,
  });
}
