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

export const RUN_TRIGGERS = ["ui", "cli", "cron", "bench"] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/** How each trigger reads in the run history and on the run page. */
export const TRIGGER_LABELS: Record<RunTrigger, string> = {
  ui: "Dashboard",
  cli: "CLI",
  cron: "Cron",
  bench: "Benchmark",
};
