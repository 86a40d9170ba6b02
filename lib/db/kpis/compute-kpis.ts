/**
 * Per-level KPIs for the dashboard: one set-based statement per enabled level (run side by side on
 * the pool) plus one counting the learners, whatever the number of learners. Levels come from the
 * engine's level plan (read-only: a page view registers nothing), so the dashboard shows exactly the levels a sync would send. Active learners
 * are the levels' first_seen counts added up (see build-level-kpi-sql.ts).
 * Once the maintained facts are trusted, one statement over the summaries kept from them replaces
 * the per-level statements (read-facts-kpis.ts, docs/ARCHITECTURE.md, "Dashboard KPIs").
 */
import { z } from "zod";
import type { Queryable } from "@/lib/db/queryable";
import { readLevelPlan, type LevelPlan } from "@/lib/db/levels/plan-levels";
import { buildLevelKpiSql, CHART_WEEKS, countLearnersSql } from "./build-level-kpi-sql";
import { chartWeekBounds, chartWeeks, isoDate } from "./chart-weeks";
import type { KpiReport, LevelKpi } from "@/lib/contracts/kpis-response";
import { areFactsTrusted, readFactsLevelRows } from "./read-facts-kpis";

export const levelRowSchema = z.object({
  started: z.number().int(),
  in_progress: z.number().int(),
  completed: z.number().int(),
  avg_units_completed: z.string().nullable(),
  avg_accuracy: z.string().nullable(),
  study_seconds: z.string(),
  active_7d: z.number().int(),
  active_30d: z.number().int(),
  /** Learners active in each chart week, aligned with chartWeeks(now). */
  weekly: z.array(z.number().int()).length(CHART_WEEKS),
  /** This level's learners without a row in an earlier level: they add up to the active learners. */
  first_seen: z.number().int(),
});

const totalsRowSchema = z.object({ learners: z.number().int() });

export interface ComputeKpisOptions {
  sourceSchema?: string;
  /** The reference time for "last 7/30 days" and the chart weeks; tests pin it. */
  now?: Date;
}

const toNumber = (value: string | null) => (value === null ? null : Number(value));
const toHours = (seconds: number) => Math.round((seconds / 3600) * 10) / 10;

export async function computeKpis(db: Queryable, options: ComputeKpisOptions = {}): Promise<KpiReport> {
  const plan = await readLevelPlan(db, options.sourceSchema ?? "public");
  return computeKpisForPlan(db, plan, options.now ?? new Date());
}

/** The KPIs of the levels readLevelPlan found (kpi-cache.ts plans first, to know whether they changed). */
export async function computeKpisForPlan(db: Queryable, plan: LevelPlan, now: Date): Promise<KpiReport> {
  const weeks = chartWeeks(now);
  const weekBounds = chartWeekBounds(weeks);
  const sources = plan.aggregation.map((input) => input.source);
  const key = plan.settings.completionMilestoneKey;

  // Maintained facts when every level's are trusted (built since capture was installed); else the
  // raw level tables (a level just enabled, a database role without TRIGGER, a changed milestone key).
  // The learner count runs side by side with either.
  const isFromFacts = await areFactsTrusted(db, plan);
  const [totalsResult, fromFacts, rawResults] = await Promise.all([
    db.query(countLearnersSql(plan.aggregation)),
    isFromFacts ? readFactsLevelRows(db, plan, now, weeks) : null,
    Promise.all(
      isFromFacts
        ? []
        : plan.aggregation.map((input, index) =>
            db.query(buildLevelKpiSql(input.source, sources.slice(0, index)), [key, now, weekBounds, input.unitTotal]),
          ),
    ),
  ]);
  const levelResults = fromFacts ? fromFacts.rows.map((row) => ({ rows: [row] })) : rawResults;
  const totals = totalsRowSchema.parse(totalsResult.rows[0]);

  const levels: LevelKpi[] = [];
  const weeklyActive: KpiReport["weeklyActive"] = [];
  let totalStudySeconds = 0;
  let activeLearners = 0;
  plan.aggregation.forEach((input, index) => {
    const row = levelRowSchema.parse(levelResults[index]?.rows[0]);
    const studySeconds = Number(row.study_seconds);
    totalStudySeconds += studySeconds;
    activeLearners += row.first_seen;
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
    weeklyActive.push({ level: input.source.level, learners: row.weekly });
  });

  return {
    generatedAt: now.toISOString(),
    totals: {
      learners: totals.learners,
      activeLearners: fromFacts ? fromFacts.activeLearners : activeLearners,
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
export async function measureKpis(
  pool: Queryable,
  sourceSchema = "public",
): Promise<{ kpis: KpiReport; durationMs: number }> {
  const started = performance.now();
  const kpis = await computeKpis(pool, { sourceSchema });
  return { kpis, durationMs: Math.round(performance.now() - started) };
}

/** Where computeKpis reads from right now: the maintained facts or the raw level tables. */
export async function kpiSource(db: Queryable, sourceSchema = "public"): Promise<"facts" | "raw"> {
  return (await areFactsTrusted(db, await readLevelPlan(db, sourceSchema))) ? "facts" : "raw";
}
