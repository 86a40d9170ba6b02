/**
 * Pure compatibility checks of a level's tables against docs/ARCHITECTURE.md, "Source data contract". Each check returns the reasons
 * a table cannot be used (incompatible) and warnings about columns that are present but ignored.
 */
import type { CatalogColumn, NumericColumnKind, ProgressColumns, TimeColumn, TimeColumnType } from "./level-source";

const NUMERIC_TYPES = new Set(["int2", "int4", "int8", "numeric"]);
const FLOAT_TYPES = new Set(["float4", "float8"]);
const TEXT_TYPES = new Set(["text", "varchar", "bpchar", "citext"]);
const TIME_TYPES = new Set<string>(["timestamptz", "timestamp", "date"]);
// citext is left out on purpose: its case-insensitive equality would merge units that differ in case.
const SORTABLE_UNIT_ID_TYPES = new Set(["int2", "int4", "int8", "numeric", "text", "varchar", "bpchar", "uuid"]);

export interface TableCheck<T> {
  usable: T | null;
  reasons: string[];
  warnings: string[];
}

function byName(columns: readonly CatalogColumn[]): Map<string, CatalogColumn> {
  return new Map(columns.map((column) => [column.name, column]));
}

function numericKind(column: CatalogColumn | undefined): NumericColumnKind | null | "unsupported" {
  if (!column) return null;
  if (NUMERIC_TYPES.has(column.baseType)) return "numeric";
  if (FLOAT_TYPES.has(column.baseType)) return "float";
  if (TEXT_TYPES.has(column.baseType)) return "text";
  return "unsupported";
}

function timeColumn(column: CatalogColumn | undefined): TimeColumn | null {
  if (!column || !TIME_TYPES.has(column.baseType)) return null;
  return { name: column.name, type: column.baseType as TimeColumnType };
}

function optionalNumeric(
  columns: Map<string, CatalogColumn>,
  name: string,
  warnings: string[],
): NumericColumnKind | null {
  const kind = numericKind(columns.get(name));
  if (kind !== "unsupported") return kind;
  warnings.push(`${name} ignored: type ${columns.get(name)?.type} is not numeric or text`);
  return null;
}

function optionalTime(columns: Map<string, CatalogColumn>, name: string, warnings: string[]): TimeColumn | null {
  const column = columns.get(name);
  const time = timeColumn(column);
  if (column && !time) warnings.push(`${name} ignored: type ${column.type} is not a timestamp or date`);
  return time;
}

function requireUserId(columns: Map<string, CatalogColumn>, reasons: string[]): void {
  const userId = columns.get("user_id");
  if (!userId) reasons.push("missing required column user_id (uuid)");
  else if (userId.baseType !== "uuid") reasons.push(`user_id must be uuid, found ${userId.type}`);
}

export function checkProgressTable(catalog: readonly CatalogColumn[]): TableCheck<ProgressColumns> {
  const columns = byName(catalog);
  const reasons: string[] = [];
  const warnings: string[] = [];
  requireUserId(columns, reasons);
  if (!columns.has("unit_id")) reasons.push("missing required column unit_id");

  const completed = columns.get("completed");
  const hasCompleted = completed?.baseType === "bool";
  if (completed && !hasCompleted) warnings.push(`completed ignored: type ${completed.type} is not boolean`);
  const completedAt = optionalTime(columns, "completed_at", warnings);
  if (!hasCompleted && !completedAt) reasons.push("needs completed (boolean) or completed_at (timestamptz)");

  const accuracy = optionalNumeric(columns, "accuracy", warnings);
  const timeSpent = optionalNumeric(columns, "time_spent_seconds", warnings);
  const updatedAt = optionalTime(columns, "updated_at", warnings);
  const createdAt = optionalTime(columns, "created_at", warnings);
  const activity = updatedAt ?? createdAt ?? completedAt;
  if (!updatedAt && !createdAt) {
    warnings.push(
      activity
        ? "no updated_at or created_at: activity dates come from completed_at"
        : "no updated_at, created_at or completed_at: progress rows carry no activity date",
    );
  }
  if (reasons.length > 0) return { usable: null, reasons, warnings };
  const unitIdSortable = SORTABLE_UNIT_ID_TYPES.has(columns.get("unit_id")?.baseType ?? "");
  return { usable: { unitIdSortable, hasCompleted, completedAt, accuracy, timeSpent, activity }, reasons, warnings };
}

export function checkMilestonesTable(catalog: readonly CatalogColumn[]): TableCheck<{ achievedAt: TimeColumn | null }> {
  const columns = byName(catalog);
  const reasons: string[] = [];
  const warnings: string[] = [];
  requireUserId(columns, reasons);
  const milestone = columns.get("milestone");
  if (!milestone) reasons.push("missing required column milestone (text)");
  else if (!TEXT_TYPES.has(milestone.baseType)) reasons.push(`milestone must be text, found ${milestone.type}`);
  const achievedAt = optionalTime(columns, "achieved_at", warnings) ?? optionalTime(columns, "created_at", warnings);
  if (!achievedAt) warnings.push("no achieved_at: milestones do not count as activity");
  if (reasons.length > 0) return { usable: null, reasons, warnings };
  return { usable: { achievedAt }, reasons, warnings };
}

/** Why a table name does not yield a level key (LEVEL_NAME_PATTERN in lib/contracts/names.ts), in words. */
export function levelNameProblem(level: string): string | null {
  if (level.length === 0) return "the level part of the name is empty";
  if (level.length > 31) return "the level part is longer than 31 characters";
  if (/[A-Z]/.test(level)) return "level names must be lower case";
  if (/\s/.test(level)) return "level names cannot contain spaces";
  if (/["'`]/.test(level)) return "level names cannot contain quotes";
  if (!/^[a-z]/.test(level)) return "level names must start with a letter";
  if (!/^[a-z][a-z0-9_]*$/.test(level)) return "level names may only contain a-z, 0-9 and _";
  return null;
}
