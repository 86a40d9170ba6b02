/**
 * Column expressions for reading a level table safely, shared by the sync aggregation
 * (aggregate-sql.ts) and the dashboard KPIs (kpis/), so the dashboard counts exactly what the sync
 * sends to HubSpot:
 * - text value columns are cast only when they look like a decimal; anything else becomes null;
 * - `timestamp without time zone` and `date` columns are read as UTC.
 */
import type { LevelSource, NumericColumnKind, TimeColumn } from "../levels/level-source";
import { quoteIdent } from "../quote-ident";

// A decimal literal Postgres can cast to numeric without overflow (the exponent stays small).
const DECIMAL_PATTERN = "^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]{1,3})?$";

/** The column as numeric, and whether a text value was not a number (reported as a data warning). */
export function numericColumn(
  alias: string,
  name: string,
  kind: NumericColumnKind | null,
): { value: string; isNotNumeric: string } {
  if (kind === null) return { value: "null::numeric", isNotNumeric: "false" };
  const column = `${alias}.${quoteIdent(name)}`;
  if (kind !== "text") return { value: `${column}::numeric`, isNotNumeric: "false" };
  const trimmed = `btrim(${column})`;
  return {
    value: `case when ${trimmed} ~ '${DECIMAL_PATTERN}' then ${trimmed}::numeric when lower(${trimmed}) = 'nan' then 'NaN'::numeric end`,
    isNotNumeric: `coalesce(${trimmed} <> '' and ${trimmed} !~ '${DECIMAL_PATTERN}' and lower(${trimmed}) <> 'nan', false)`,
  };
}

/**
 * As numericColumn, but an integer or numeric column keeps its own type: no conversion to numeric
 * on every row, and sum() over integers adds in bigint. Compare it only with integer literals
 * (MAX_SECONDS_INT) or after an explicit `::numeric`, and every comparison and sum is exactly that
 * of the numeric form.
 */
export function nativeNumericColumn(
  alias: string,
  name: string,
  kind: NumericColumnKind | null,
): { value: string; isNotNumeric: string } {
  if (kind === "numeric") return { value: `${alias}.${quoteIdent(name)}`, isNotNumeric: "false" };
  return numericColumn(alias, name, kind);
}

export function numericValue(alias: string, name: string, kind: NumericColumnKind | null): string {
  return numericColumn(alias, name, kind).value;
}

export function timeValue(alias: string, column: TimeColumn | null): string {
  if (!column) return "null::timestamptz";
  const ref = `${alias}.${quoteIdent(column.name)}`;
  if (column.type === "timestamptz") return ref;
  if (column.type === "timestamp") return `(${ref} at time zone 'UTC')`;
  return `(${ref}::timestamp at time zone 'UTC')`;
}

/**
 * Timestamps JavaScript's Date and HubSpot's YYYY-MM-DD can both hold: finite, years 1–9999 in UTC.
 * `infinity`, `-infinity` and years past 9999 (Postgres allows up to 294276; JavaScript stops in
 * 275760 and a 5-digit year breaks the date property) are excluded here, row by row, and counted
 * with `isUnreadableTime` as a data warning, so one such row never reaches the JavaScript side.
 */
const FIRST_READABLE = "'0001-01-01 00:00:00+00'::timestamptz";
const PAST_READABLE = "'10000-01-01 00:00:00+00'::timestamptz";

export function readableTime(expression: string): string {
  return `case when ${expression} >= ${FIRST_READABLE} and ${expression} < ${PAST_READABLE} then ${expression} end`;
}

export function isUnreadableTime(expression: string): string {
  return `(${expression} is not null and not (${expression} >= ${FIRST_READABLE} and ${expression} < ${PAST_READABLE}))`;
}

/**
 * Largest study time (seconds) summed and sent: 2^53 − 1, the last integer a JavaScript number holds
 * exactly. A row above it (or a level's sum above it) is excluded with a data warning.
 */
export const MAX_SECONDS = "9007199254740991::numeric";
/** MAX_SECONDS as a bigint literal, for values that may still be integers (nativeNumericColumn). */
export const MAX_SECONDS_INT = "9007199254740991";

/**
 * A readable timestamp as whole epoch milliseconds (bigint), rounded down: exactly the instant of the
 * Date node-postgres would parse from its text (it drops the microseconds too), without parsing that
 * text in JavaScript, which was the costliest part of reading an aggregated row.
 */
export function epochMillis(expression: string): string {
  return `floor(extract(epoch from ${expression}) * 1000)::bigint`;
}

/** A unit counts as completed when `completed` is true or `completed_at` is set (whichever exist). */
export function completedValue(alias: string, source: LevelSource): string {
  const parts: string[] = [];
  if (source.columns.hasCompleted) parts.push(`${alias}.${quoteIdent("completed")} is true`);
  if (source.columns.completedAt) parts.push(`${timeValue(alias, source.columns.completedAt)} is not null`);
  return parts.length > 0 ? `(${parts.join(" or ")})` : "false";
}

/**
 * unit_id as units are told apart: natively where the type sorts cheaply and exactly (discovery's
 * `unitIdSortable`), else as text (jsonb, citext, …).
 */
export function unitIdValue(alias: string, source: LevelSource): string {
  return `${alias}.${quoteIdent("unit_id")}${source.columns.unitIdSortable ? "" : "::text"}`;
}

/** Over rows exposing `done` and `acc`: a completed row whose accuracy counts (0 ≤ acc ≤ 100; NaN sorts above 100). */
export const VALID_ACCURACY = "done and acc >= 0 and acc <= 100";
