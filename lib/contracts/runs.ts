/**
 * Run vocabularies shared by the engine, the API routes and the browser. One list each: the
 * database check constraints in supabase/migrations mirror them.
 */
export const RUN_STATUSES = [
  "running",
  "paused",
  "interrupted",
  "succeeded",
  "partial",
  "failed",
  "cancelled",
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/**
 * Why a run's invocation ended (crm_sync.runs.stop_reason): it reached the end or the --limit, or
 * it paused at its time budget, on request, or because HubSpot's daily quota was used up (it then
 * records when it may continue: runs.resume_after; docs/ARCHITECTURE.md, "Daily quota").
 */
export const RUN_STOP_REASONS = ["end", "limit", "time_budget", "aborted", "daily_quota"] as const;
export type RunStopReason = (typeof RUN_STOP_REASONS)[number];

export const RUN_TRIGGERS = ["ui", "cli", "cron", "bench"] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/** How each trigger reads in the run history and on the run page. */
export const TRIGGER_LABELS: Record<RunTrigger, string> = {
  ui: "Dashboard",
  cli: "CLI",
  cron: "Cron",
  bench: "Benchmark",
};
