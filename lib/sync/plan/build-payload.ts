/**
 * One learner's batch/upsert input (docs/ARCHITECTURE.md, "HubSpot property contract"). Every value is a string; `""` clears a property.
 * Key order is fixed (idProperty, id, properties; per level in CEFR order, then the globals) so the
 * dry run's bodies are byte-for-byte what the live run posts.
 * Choices where the contract is silent:
 * - level properties are sent for the run's levels; the three global properties are always
 *   computed over ALL enabled levels, so a `--levels` run never writes a partial total;
 * - current_active_level: the level with the latest activity; on a tie, the higher level (CEFR
 *   order) wins, since a learner moving up is active in the new level; "" when there is no activity;
 * - properties withheld because of drift are left out entirely (not cleared);
 * - `learner_id` (the user id) closes every payload: HubSpot keeps it unique, so one learner never
 *   gets a second contact, and batch results are matched back to learners by it.
 */
import { GLOBAL_PROPERTY, levelPropertyName } from "@/lib/hubspot/properties/property-contract";
import { emptyLevelMetrics, type LearnerMetrics, type LevelMetrics } from "@/lib/db/aggregate/aggregate-batch";

export interface ContactInput {
  idProperty: "email";
  id: string;
  properties: Record<string, string>;
}

export interface BuildPayloadInput {
  /** Normalised email. */
  email: string;
  /** The learner's user id, written as `learner_id`. */
  learnerId: string;
  metrics: LearnerMetrics | undefined;
  /** Levels whose per-level properties are sent, in CEFR order. */
  levels: readonly string[];
  /** All enabled levels, in CEFR order: the globals are computed over these. */
  enabledLevels: readonly string[];
  withheld: ReadonlySet<string>;
}

/** The HubSpot value of an accuracy: percent with at most one decimal, "87.5", "90" (Postgres' "90.0" normalised). */
export function toAccuracyValue(accuracy: string | null): string {
  return accuracy === null ? "" : String(Number(accuracy));
}

/** HubSpot date properties hold midnight UTC; YYYY-MM-DD is that day, unambiguously. */
export function formatUtcDate(date: Date | null): string {
  return date === null ? "" : date.toISOString().slice(0, 10);
}

export function currentActiveLevel(
  enabledLevels: readonly string[],
  metricsOf: (level: string) => LevelMetrics,
): string {
  let best: { level: string; at: number } | null = null;
  for (const level of enabledLevels) {
    const at = metricsOf(level).lastActivityAt?.getTime();
    if (at !== undefined && (best === null || at >= best.at)) best = { level, at };
  }
  return best?.level ?? "";
}

export function buildContactInput(input: BuildPayloadInput): ContactInput {
  const metricsOf = (level: string) => input.metrics?.levels.get(level) ?? emptyLevelMetrics();
  const entries: [string, string][] = [];
  for (const level of input.levels) {
    const metrics = metricsOf(level);
    entries.push([levelPropertyName(level, "units_completed"), String(metrics.unitsCompleted)]);
    entries.push([levelPropertyName(level, "accuracy"), toAccuracyValue(metrics.accuracy)]);
    entries.push([levelPropertyName(level, "status"), metrics.status]);
  }
  const studySeconds = input.enabledLevels.reduce((sum, level) => sum + metricsOf(level).studySeconds, 0);
  const lastActivity = input.enabledLevels.reduce<Date | null>((latest, level) => {
    const at = metricsOf(level).lastActivityAt;
    return at && (!latest || at > latest) ? at : latest;
  }, null);
  entries.push([GLOBAL_PROPERTY.totalStudyTime, String(Math.round(studySeconds / 60))]);
  entries.push([GLOBAL_PROPERTY.currentActiveLevel, currentActiveLevel(input.enabledLevels, metricsOf)]);
  entries.push([GLOBAL_PROPERTY.lastActivityDate, formatUtcDate(lastActivity)]);
  entries.push([GLOBAL_PROPERTY.learnerId, input.learnerId]);
  const properties: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (!input.withheld.has(name)) properties[name] = value;
  }
  return { idProperty: "email", id: input.email, properties };
}
