/**
 * What GET /api/runs/live answers: the latest live run (running or finished) with its progress and,
 * once finished, its first failed rows. Parsed on both sides; dates travel as ISO strings.
 */
import { z } from "zod";
import { RUN_STATUSES, RUN_TRIGGERS } from "./runs";

export const LIVE_RUN_FAILURES_SHOWN = 10;

const failureSchema = z.object({
  id: z.number().int(),
  email: z.string().nullable(),
  level: z.string().nullable(),
  kind: z.string(),
  message: z.string(),
});

export const liveRunSchema = z.object({
  runId: z.number().int(),
  status: z.enum(RUN_STATUSES),
  phase: z.string(),
  /** The phase the run ended in; null while running and for runs closed before it was kept. */
  stoppedPhase: z.string().nullable(),
  /**
   * A run paused because HubSpot's daily quota was used up: no live run starts before `resumeAfter`
   * (midnight in the account's `timeZone`); null for every other run (docs/ARCHITECTURE.md, "Daily quota").
   */
  quotaPause: z.object({ resumeAfter: z.iso.datetime(), timeZone: z.string() }).nullable(),
  trigger: z.enum(RUN_TRIGGERS),
  startedByLabel: z.string(),
  processed: z.number().int(),
  total: z.number().int(),
  percent: z.number().nullable(),
  upserted: z.number().int(),
  unchanged: z.number().int(),
  invalid: z.number().int(),
  failed: z.number().int(),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
  isStale: z.boolean(),
  isResumable: z.boolean(),
  message: z.string().nullable(),
  failures: z.array(failureSchema),
  failureTotal: z.number().int(),
});

export const liveRunStateSchema = z.object({ run: liveRunSchema.nullable() });

export type LiveRun = z.infer<typeof liveRunSchema>;
export type LiveRunState = z.infer<typeof liveRunStateSchema>;

/** Running with a fresh heartbeat: "Sync now" waits. A stale run is taken over by the next start. */
export function isRunActive(run: LiveRun | null): boolean {
  return run !== null && run.status === "running" && !run.isStale;
}
