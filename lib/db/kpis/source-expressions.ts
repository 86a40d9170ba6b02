/**
 * Column expressions for reading a level table safely, the same way the sync aggregation does
 * (lib/db/aggregate-sql.ts keeps its copies private): the dashboard must count exactly what the sync
 * sends to HubSpot, so these must stay in step with that file.
 * - text value columns are cast only when they look like a decimal; anything else becomes null;
 * - `timestamp without time zone` and `date` columns are read as UTC.
 */
import type { LevelSource, NumericColumnKind, TimeColumn } from "@/lib/db/level-source";
import { quoteIdent } from "@/lib/db/quote-ident";

// A decimal literal Postgres can cast to numeric without overflow (the exponent stays small).
const DECIMAL_PATTERN = "^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]{1,3})?$";

export function numericValue(alias: string, name: string, kind: NumericColumnKind | null): string {
  if (kind === null) return "null::numeric";
  const column = `${alias}.${quoteIdent(name)}`;
  if (kind !== "text") return `${column}::numeric`;
  const trimmed = `btrim(${column})`;
  return `case when ${trimmed} ~ '${DECIMAL_PATTERN}' then ${trimmed}::numeric when lower(${trimmed}) = 'nan' then 'NaN'::numeric end`;
}

export function timeValue(alias: string, column: TimeColumn | null): string {
  if (!column) return "null::timestamptz";
  const ref = `${alias}.${quoteIdent(column.name)}`;
  if (column.type === "timestamptz") return ref;
  if (column.type === "timestamp") return `(${ref} at time zone 'UTC')`;
  return `(${ref}::timestamp at time zone 'UTC')`;
}

/** A unit counts as completed when `completed` is true or `completed_at` is set (whichever exist). */
export function completedValue(alias: string, source: LevelSource): string {
  const parts: string[] = [];
  if (source.columns.hasCompleted) parts.push(`${alias}.${quoteIdent("completed")} is true`);
  if (source.columns.completedAt) parts.push(`${timeValue(alias, source.columns.completedAt)} is not null`);
  return parts.length > 0 ? `(${parts.join(" or ")})` : "false";
}
