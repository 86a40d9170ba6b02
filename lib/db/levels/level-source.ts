/**
 * What discovery learned about one level's tables: the columns aggregation may read and how to
 * read them. Aggregation builds its SQL only from this (never from raw catalog text).
 */

/** How a value column is stored, which decides how it is cast safely to numeric. */
export type NumericColumnKind = "numeric" | "float" | "text";
/** Timestamps are normalised to timestamptz; `timestamp` without zone is read as UTC. */
export type TimeColumnType = "timestamptz" | "timestamp" | "date";

export interface TimeColumn {
  name: string;
  type: TimeColumnType;
}

export interface ProgressColumns {
  /** unit_id has a common sortable type (integers, numeric, text, uuid): grouped as is, else as text. */
  unitIdSortable: boolean;
  hasCompleted: boolean;
  completedAt: TimeColumn | null;
  accuracy: NumericColumnKind | null;
  timeSpent: NumericColumnKind | null;
  /** updated_at, else created_at, else completed_at (documented fallback). */
  activity: TimeColumn | null;
}

export interface MilestoneSource {
  table: string;
  achievedAt: TimeColumn | null;
}

export interface LevelSource {
  level: string;
  schema: string;
  progressTable: string;
  columns: ProgressColumns;
  milestones: MilestoneSource | null;
}

export interface CatalogColumn {
  name: string;
  /** Human readable, e.g. `timestamp with time zone`. */
  type: string;
  /** Base type name after resolving domains, e.g. `timestamptz`, `int4`. */
  baseType: string;
}
