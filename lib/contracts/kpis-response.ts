/**
 * What GET /api/kpis answers and the dashboard parses: the KPI report and the sync health. Plain data (ISO
 * strings, numbers), zod-described, no pg or Node imports, so client components can import it.
 */
import { z } from "zod";
import { RUN_STATUSES, RUN_TRIGGERS } from "./runs";

export const levelKpiSchema = z.object({
  level: z.string(),
  /** Learners with status in_progress or completed (docs/ARCHITECTURE.md, "Source data contract"). */
  started: z.number().int(),
  inProgress: z.number().int(),
  completed: z.number().int(),
  /** completed / started; null when nobody started. */
  completionRate: z.number().nullable(),
  /** Mean units_completed over started learners, two decimals. */
  avgUnitsCompleted: z.number().nullable(),
  /** Mean of the learners' accuracy (percent, one decimal); null when no learner has one. */
  avgAccuracy: z.number().nullable(),
  studyHours: z.number(),
  /** Learners whose last activity in this level lies within the last 7 / 30 days. */
  active7d: z.number().int(),
  active30d: z.number().int(),
  unitTotal: z.number().int().nullable(),
});
export type LevelKpi = z.infer<typeof levelKpiSchema>;

export const kpiReportSchema = z.object({
  generatedAt: z.iso.datetime(),
  totals: z.object({
    /** Everyone in crm_sync.learners but staff accounts without progress, as the sync counts them. */
    learners: z.number().int(),
    /** Learners with any progress or milestone row in an enabled level (counted once). */
    activeLearners: z.number().int(),
    completions: z.number().int(),
    studyHours: z.number(),
  }),
  /** Enabled, compatible levels in CEFR order. */
  levels: z.array(levelKpiSchema),
  /** Mondays (YYYY-MM-DD, UTC) of the last 12 complete ISO weeks, oldest first. */
  weeks: z.array(z.string()),
  /** Distinct learners with activity per week, aligned with `weeks`. */
  weeklyActive: z.array(z.object({ level: z.string(), learners: z.array(z.number().int()) })),
  unavailableLevels: z.array(z.object({ level: z.string(), reason: z.string() })),
});
export type KpiReport = z.infer<typeof kpiReportSchema>;

export const syncHealthSchema = z.object({
  lastRun: z
    .object({
      id: z.number().int(),
      status: z.enum(RUN_STATUSES),
      trigger: z.enum(RUN_TRIGGERS),
      startedByLabel: z.string(),
      startedAt: z.iso.datetime(),
      finishedAt: z.iso.datetime().nullable(),
      upserted: z.number().int(),
      unchanged: z.number().int(),
      failed: z.number().int(),
      invalid: z.number().int(),
    })
    .nullable(),
});
export type SyncHealth = z.infer<typeof syncHealthSchema>;

export const dashboardDataSchema = z.object({
  kpis: kpiReportSchema,
  syncHealth: syncHealthSchema,
  durationMs: z.number(),
});
export type DashboardData = z.infer<typeof dashboardDataSchema>;
