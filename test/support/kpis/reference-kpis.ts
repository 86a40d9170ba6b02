/**
 * TEST REFERENCE: the KPI report computed with the slow reference statements (the pre-fast-path
 * code path, see reference-level-kpi-sql.ts), in the same shape as computeKpis returns.
 */
import { z } from "zod";
import type { Queryable } from "@/lib/db/queryable";
import { registerAndPlanLevels } from "@/lib/sync";
import { chartWeeks, isoDate } from "@/lib/db/kpis/chart-weeks";
import type { KpiReport } from "@/lib/contracts/kpis-response";
import { buildReferenceActiveLearnersSql, buildReferenceLevelKpiSql } from "./reference-level-kpi-sql";

const levelRowSchema = z.object({
  started: z.number().int(),
  in_progress: z.number().int(),
  completed: z.number().int(),
  avg_units_completed: z.string().nullable(),
  avg_accuracy: z.string().nullable(),
  study_seconds: z.string(),
  active_7d: z.number().int(),
  active_30d: z.number().int(),
  weekly: z.array(z.object({ week: z.string(), learners: z.number().int() })),
});
const totalsRowSchema = z.object({ learners: z.number().int(), active_learners: z.number().int() });

const toNumber = (value: string | null) => (value === null ? null : Number(value));
const toHours = (seconds: number) => Math.round((seconds / 3600) * 10) / 10;

export async function referenceKpis(
  db: Queryable,
  now: Date,
  sourceSchema = "public",
): Promise<Omit<KpiReport, "generatedAt">> {
  const weeks = chartWeeks(now);
  const plan = await registerAndPlanLevels(db, sourceSchema);
  const key = plan.settings.completionMilestoneKey;
  const totals = totalsRowSchema.parse(
    (await db.query(buildReferenceActiveLearnersSql(plan.aggregation.map((input) => input.source)))).rows[0],
  );
  const levels: KpiReport["levels"] = [];
  const weeklyActive: KpiReport["weeklyActive"] = [];
  let studySeconds = 0;
  for (const input of plan.aggregation) {
    const result = await db.query(buildReferenceLevelKpiSql(input.source), [key, now, weeks[0], input.unitTotal]);
    const row = levelRowSchema.parse(result.rows[0]);
    studySeconds += Number(row.study_seconds);
    levels.push({
      level: input.source.level,
      started: row.started,
      inProgress: row.in_progress,
      completed: row.completed,
      completionRate: row.started > 0 ? row.completed / row.started : null,
      avgUnitsCompleted: toNumber(row.avg_units_completed),
      avgAccuracy: toNumber(row.avg_accuracy),
      studyHours: toHours(Number(row.study_seconds)),
      active7d: row.active_7d,
      active30d: row.active_30d,
      unitTotal: input.unitTotal,
    });
    const byWeek = new Map(row.weekly.map((entry) => [entry.week, entry.learners]));
    weeklyActive.push({ level: input.source.level, learners: weeks.map((week) => byWeek.get(isoDate(week)) ?? 0) });
  }
  return {
    totals: {
      learners: totals.learners,
      activeLearners: totals.active_learners,
      completions: levels.reduce((sum, level) => sum + level.completed, 0),
      studyHours: toHours(studySeconds),
    },
    levels,
    weeks: weeks.map(isoDate),
    weeklyActive,
    unavailableLevels: plan.unavailableLevels,
  };
}
