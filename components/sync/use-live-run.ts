"use client";
import { useQuery } from "@tanstack/react-query";
import { isRunActive, liveRunStateSchema } from "@/lib/contracts/live-run-response";
import { fetchJson } from "@/lib/fetch-json";
import { syncKeys } from "@/lib/query-keys";

/** About once a second while a run is active; otherwise slowly, to notice runs started by cron or the CLI. */
export const ACTIVE_POLL_MS = 1_000;
export const IDLE_POLL_MS = 15_000;

export function useLiveRun() {
  return useQuery({
    queryKey: syncKeys.liveRun(),
    queryFn: ({ signal }) => fetchJson("/api/runs/live", liveRunStateSchema, { signal }),
    refetchInterval: (query) => (isRunActive(query.state.data?.run ?? null) ? ACTIVE_POLL_MS : IDLE_POLL_MS),
    staleTime: 0,
  });
}
