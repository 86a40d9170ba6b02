/**
 * The dashboard's KPIs, computed at most once per `maxAgeMs` for a given level configuration. Every
 * open dashboard polls GET /api/kpis (every 30 s); at 100k learners one computation keeps both
 * database cores busy for a few seconds, so N viewers would cost N computations per poll. Here
 * concurrent and repeated requests share one computation (also while it is still running).
 * The levels are planned on every call (a few catalog reads): enabling a level, changing a unit
 * total or the completion milestone recomputes at once instead of showing a stale report.
 * A failed computation is not kept: the next request tries again.
 */
import type { Queryable } from "@/lib/db/queryable";
import { readLevelPlan, type LevelPlan } from "@/lib/db/levels/plan-levels";
import { computeKpisForPlan } from "./compute-kpis";
import type { KpiReport } from "@/lib/contracts/kpis-response";

/** Below the dashboard's 30 s poll, so a lone viewer still gets a fresh computation each time. */
export const KPI_MAX_AGE_MS = 25_000;

export interface ComputedKpis {
  kpis: KpiReport;
  /** How long computing the KPIs took (not how long this request waited). */
  durationMs: number;
}

export interface KpiCache {
  get(db: Queryable, sourceSchema: string): Promise<ComputedKpis>;
}

interface Entry {
  planKey: string;
  startedAt: number;
  result: Promise<ComputedKpis>;
}

const planKey = (plan: LevelPlan) =>
  JSON.stringify({
    levels: plan.aggregation,
    key: plan.settings.completionMilestoneKey,
    unavailable: plan.unavailableLevels,
  });

export function createKpiCache(options: { maxAgeMs?: number; clock?: () => number } = {}): KpiCache {
  const maxAgeMs = options.maxAgeMs ?? KPI_MAX_AGE_MS;
  const clock = options.clock ?? Date.now;
  const entries = new Map<string, Entry>();
  return {
    async get(db, sourceSchema) {
      const plan = await readLevelPlan(db, sourceSchema);
      const key = planKey(plan);
      const cached = entries.get(sourceSchema);
      if (cached && cached.planKey === key && clock() - cached.startedAt < maxAgeMs) return cached.result;
      const startedAt = clock();
      const result = (async () => {
        const started = performance.now();
        const kpis = await computeKpisForPlan(db, plan, new Date(startedAt));
        return { kpis, durationMs: Math.round(performance.now() - started) };
      })();
      const entry = { planKey: key, startedAt, result };
      entries.set(sourceSchema, entry);
      result.catch(() => {
        if (entries.get(sourceSchema) === entry) entries.delete(sourceSchema);
      });
      return result;
    },
  };
}

/** The process-wide cache GET /api/kpis reads through. */
export const dashboardKpiCache = createKpiCache();
