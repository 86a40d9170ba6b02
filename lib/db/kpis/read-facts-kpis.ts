/**
 * Reads the per-level KPI rows from the summaries kept over crm_sync.learner_facts
 * (build-facts-kpi-sql.ts), in the shape the raw-table statements return, so compute-kpis.ts
 * assembles the report the same way.
 * Facts are trusted for the dashboard only when every enabled level is captured by triggers and
 * its facts were built (by a full pass since capture was installed) for the current milestone key.
 */
import { z } from "zod";
import type { Queryable } from "@/lib/db/queryable";
import type { LevelPlan } from "@/lib/db/levels/plan-levels";
import { readCaptureStates } from "@/lib/db/capture/ensure-capture";
import { CHART_WEEKS } from "./build-level-kpi-sql";
import { FACTS_KPI_SQL } from "./build-facts-kpi-sql";

export async function areFactsTrusted(db: Queryable, plan: LevelPlan): Promise<boolean> {
  if (plan.enabledLevels.length === 0) return false;
  const states = await readCaptureStates(db);
  return plan.enabledLevels.every((level) => {
    const state = states.get(level);
    return (
      state?.mode === "triggers" &&
      state.factsBuiltAt !== null &&
      state.factsMilestoneKey === plan.settings.completionMilestoneKey
    );
  });
}

const emptyRow = {
  started: 0,
  in_progress: 0,
  completed: 0,
  avg_units_completed: null,
  avg_accuracy: null,
  study_seconds: "0",
  active_7d: 0,
  active_30d: 0,
  weekly: Array<number>(CHART_WEEKS).fill(0),
  first_seen: 0,
};

/** One row per enabled level (plan order; zeros for a level nobody has facts in) and the active learners. */
export async function readFactsLevelRows(
  db: Queryable,
  plan: LevelPlan,
  now: Date,
  weeks: readonly Date[],
): Promise<{ rows: unknown[]; activeLearners: number }> {
  const levels = plan.aggregation.map((input) => input.source.level);
  const { rows } = await db.query(FACTS_KPI_SQL, [
    levels,
    plan.aggregation.map((input) => input.unitTotal),
    now,
    weeks,
  ]);
  const byLevel = new Map(rows.map((row) => [z.object({ level: z.string() }).parse(row).level, row] as const));
  const active = rows.length === 0 ? 0 : z.object({ active: z.number().int() }).parse(rows[0]).active;
  return { rows: levels.map((level) => byLevel.get(level) ?? emptyRow), activeLearners: active };
}
