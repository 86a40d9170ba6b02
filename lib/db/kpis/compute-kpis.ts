/**
 * Per-level KPIs for the dashboard: one set-based statement per enabled level (run side by side on
 * the pool) plus one for the totals, whatever the number of learners. Levels come from the engine's
 * planLevels, so the dashboard shows exactly the levels a sync would send.
 */
import { z } from "zod";
import type { Queryable } from "@/lib/db/queryable";
import { planLevels } from "@/lib/sync";
import { buildActiveLearnersSql, buildLevelKpiSql } from "./build-level-kpi-sql";
import { chartWeeks, isoDate } from "./chart-weeks";
import type { KpiReport, LevelKpi } from "./kpi-report";

const levelRowSchema = z.object({
  started: z.number().int(),
  in_progress: z.number().int(),
  completed: z.number().int(),
  with_activity: z.number().int(),
  avg_units_completed: z.string().nullable(),
  avg_accuracy: z.string().nullable(),
  study_seconds: z.string(),
  active_7d: z.number().int(),
  active_30d: z.number().int(),
  weekly: z.array(z.object({ week: z.string(), learners: z.number().int() })),
});

const totalsRowSchema = z.object({ learners: z.number().int(), active_learners: z.number().int() });

export interface ComputeKpisOptions {
  sourceSchema?: string;
  /** The reference time for "last 7/30 days" and the chart weeks; tests pin it. */
  now?: Date;
}

const toNumber = (value: string | null) => (value === null ? null : Number(value));
const toHours = (seconds: number) => Math.round((seconds / 3600) * 10) / 10;

export async function computeKpis(db: Queryable, options: ComputeKpisOptions = {}): Promise<KpiReport> {
  const now = options.now ?? new Date();
  const weeks = chartWeeks(now);
  const plan = await planLevels(db, options.sourceSchema ?? "public");
  const key = plan.settings.completionMilestoneKey;

  const [totalsResult, ...levelResults] = await Promise.all([
    db.query(buildActiveLearnersSql(plan.aggregation.map((input) => input.source))),
    ...plan.aggregation.map((input) => db.query(buildLevelKpiSql(input.source), [key, now, weeks[0], input.unitTotal])),
  ]);
  const totals = totalsRowSchema.parse(totalsResult.rows[0]);

  const levels: LevelKpi[] = [];
  const weeklyActive: KpiReport["weeklyActive"] = [];
  let totalStudySeconds = 0;
  plan.aggregation.forEach((input, index) => {
    const row = levelRowSchema.parse(levelResults[index]?.rows[0]);
    const studySeconds = Number(row.study_seconds);
    totalStudySeconds += studySeconds;
    levels.push({
      level: input.source.level,
      started: row.started,
      inProgress: row.in_progress,
      completed: row.completed,
      completionRate: row.started > 0 ? row.completed / row.started : null,
      avgUnitsCompleted: toNumber(row.avg_units_completed),
      avgAccuracy: toNumber(row.avg_accuracy),
      studyHours: toHours(studySeconds),
      active7d: row.active_7d,
      active30d: row.active_30d,
      unitTotal: input.unitTotal,
    });
    const byWeek = new Map(row.weekly.map((entry) => [entry.week, entry.learners]));
    weeklyActive.push({ level: input.source.level, learners: weeks.map((week) => byWeek.get(isoDate(week)) ?? 0) });
  });

  return {
    generatedAt: now.toISOString(),
    totals: {
      learners: totals.learners,
      activeLearners: totals.active_learners,
      completions: levels.reduce((sum, level) => sum + level.completed, 0),
      studyHours: toHours(totalStudySeconds),
    },
    levels,
    weeks: weeks.map(isoDate),
    weeklyActive,
    unavailableLevels: plan.unavailableLevels,
  };
}

/** For the benchmark: the KPI report and how long computing it took, planning included. */
export async function measureKpis(pool: Queryable, sourceSchema = "public"): Promise<{ kpis: KpiReport; durationMs: number }> {
  const started = performance.now();
  const kpis = await computeKpis(pool, { sourceSchema });
  return { kpis, durationMs: Math.round(performance.now() - started) };
}
