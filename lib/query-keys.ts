/**
 * Every React Query key in one place, as `as const` factories: invalidating `healthKeys.all`
 * reaches every health query, and a typo cannot create a second, never-invalidated cache entry.
 */
export const healthKeys = {
  all: ["health"] as const,
  report: () => [...healthKeys.all, "report"] as const,
};

export const syncKeys = {
  all: ["sync"] as const,
  /** The latest live run: what "Sync now" shows and polls. */
  liveRun: () => [...syncKeys.all, "live-run"] as const,
  /** A stored preview's pages: one batch body, one page of data issues. */
  previewBatch: (runId: number, batch: number) => [...syncKeys.all, "preview", runId, "batch", batch] as const,
  previewIssues: (runId: number, page: number) => [...syncKeys.all, "preview", runId, "issues", page] as const,
};

export const dashboardKeys = {
  all: ["dashboard"] as const,
  /** Per-level KPIs, chart data and sync health from GET /api/kpis. */
  kpis: () => [...dashboardKeys.all, "kpis"] as const,
};
