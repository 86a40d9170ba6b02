/** The per-level KPI table as CSV rows: the same numbers the dashboard shows, unformatted. */
import type { CsvValue } from "@/lib/csv/encode-csv";
import type { LevelKpi } from "@/lib/db/kpis";

export const LEVEL_KPI_HEADER = [
  "level",
  "started",
  "in_progress",
  "completed",
  "completion_rate",
  "avg_units_completed",
  "unit_total",
  "avg_accuracy_percent",
  "study_hours",
  "active_7d",
  "active_30d",
] as const;

export async function* levelKpiRows(levels: readonly LevelKpi[]): AsyncGenerator<CsvValue[]> {
  for (const level of levels) {
    yield [
      level.level,
      level.started,
      level.inProgress,
      level.completed,
      level.completionRate,
      level.avgUnitsCompleted,
      level.unitTotal,
      level.avgAccuracy,
      level.studyHours,
      level.active7d,
      level.active30d,
    ];
  }
}
