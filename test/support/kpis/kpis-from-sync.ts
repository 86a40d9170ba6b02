/**
 * TEST ORACLE: the per-level KPIs rebuilt in TypeScript from what the sync would send, i.e. the
 * engine's own per-learner aggregation (aggregateBatch) over every learner. The dashboard must
 * count exactly this. Averages are rounded half away from zero with exact integer arithmetic, as
 * Postgres' numeric round does.
 */
import { aggregateBatch } from "@/lib/db/aggregate/aggregate-batch";
import type { Queryable } from "@/lib/db/queryable";
import { registerAndPlanLevels } from "@/lib/sync";
import type { KpiReport, LevelKpi } from "@/lib/contracts/kpis-response";

const DAY_MS = 86_400_000;
const toHours = (seconds: number) => Math.round((seconds / 3600) * 10) / 10;
/** sum / count rounded half up to `decimals` (values are non-negative). */
const roundedMean = (sum: number, count: number, decimals: number) => {
  const scale = 10 ** decimals;
  return Math.floor((2 * sum * scale + count) / (2 * count)) / scale;
};

export async function kpisFromSync(
  db: Queryable,
  now: Date,
  sourceSchema = "public",
): Promise<Pick<KpiReport, "levels" | "totals">> {
  const plan = await registerAndPlanLevels(db, sourceSchema);
  const { rows } = await db.query("select user_id::text as user_id from crm_sync.learners");
  const learners = await aggregateBatch(
    db,
    plan.aggregation,
    rows.map((row: { user_id: string }) => row.user_id),
    plan.settings.completionMilestoneKey,
  );
  const levels: LevelKpi[] = plan.aggregation.map(({ source, unitTotal }) => {
    const metrics = [...learners.values()].flatMap((learner) => {
      const level = learner.levels.get(source.level);
      return level && level.progressRows + level.milestoneRows > 0 ? [level] : [];
    });
    const started = metrics.filter((metric) => metric.status !== "not_started");
    const completed = metrics.filter((metric) => metric.status === "completed").length;
    // One decimal each: summed as integer tenths, so the mean is exact.
    const accuracies = metrics.flatMap((metric) =>
      metric.accuracy === null ? [] : [Math.round(Number(metric.accuracy) * 10)],
    );
    const activeSince = (days: number) =>
      metrics.filter(
        (metric) => metric.lastActivityAt && metric.lastActivityAt.getTime() >= now.getTime() - days * DAY_MS,
      ).length;
    return {
      level: source.level,
      started: started.length,
      inProgress: started.length - completed,
      completed,
      completionRate: started.length > 0 ? completed / started.length : null,
      avgUnitsCompleted:
        started.length > 0
          ? roundedMean(
              started.reduce((sum, metric) => sum + metric.unitsCompleted, 0),
              started.length,
              2,
            )
          : null,
      avgAccuracy:
        accuracies.length > 0
          ? roundedMean(
              accuracies.reduce((sum, tenths) => sum + tenths, 0),
              accuracies.length,
              0,
            ) / 10
          : null,
      studyHours: toHours(metrics.reduce((sum, metric) => sum + metric.studySeconds, 0)),
      active7d: activeSince(7),
      active30d: activeSince(30),
      unitTotal,
    };
  });
  const studySeconds = [...learners.values()].reduce(
    (sum, learner) => sum + [...learner.levels.values()].reduce((inner, level) => inner + level.studySeconds, 0),
    0,
  );
  const active = [...learners.values()].filter((learner) =>
    [...learner.levels.values()].some((level) => level.progressRows + level.milestoneRows > 0),
  );
  return {
    levels,
    totals: {
      learners: rows.length,
      activeLearners: active.length,
      completions: levels.reduce((sum, level) => sum + level.completed, 0),
      studyHours: toHours(studySeconds),
    },
  };
}
