/**
 * The shape of one aggregated (learner, level) row, checked with zod before anything reaches the
 * payload. The SQL already leaves out values JavaScript or HubSpot cannot hold (aggregate-sql.ts);
 * these guards are the second line: a row that still carries one (a date JavaScript cannot
 * represent or whose year has more than 4 digits, a study time past 2^53 − 1, an accuracy outside
 * 0–100) fails to parse, and aggregate-batch.ts then skips that one learner, not the batch.
 */
import { z } from "zod";

const MAX_SAFE_SECONDS = Number.MAX_SAFE_INTEGER;

/** A Date whose UTC year has exactly 4 digits, so `toISOString().slice(0, 10)` is YYYY-MM-DD. */
const readableDate = z
  .date()
  .refine(
    (date) => date.getUTCFullYear() >= 1 && date.getUTCFullYear() <= 9999,
    "the date is outside the years 1–9999 HubSpot dates can hold",
  );

const FIRST_READABLE_MS = Date.parse("0001-01-01T00:00:00Z");
const PAST_READABLE_MS = Date.parse("+010000-01-01T00:00:00Z");

/**
 * A timestamp as the SQL returns it: whole epoch milliseconds, a bigint that node-postgres hands
 * over as text (epochMillis in source-expressions.ts), within the same years 1–9999. A Date (the
 * driver's own parse of a timestamp column) is taken too; `asDate` turns either into a Date.
 */
const readableTime = z.union([
  z.string().refine((text) => {
    const millis = Number(text);
    return /^-?[0-9]{1,15}$/.test(text) && millis >= FIRST_READABLE_MS && millis < PAST_READABLE_MS;
  }, "the time is not epoch milliseconds within the years 1–9999 HubSpot dates can hold"),
  readableDate,
]);

export function asDate(time: string | Date): Date {
  return typeof time === "string" ? new Date(Number(time)) : time;
}

/** Numeric text as Postgres prints it, checked to be a finite number within bounds. */
function numericText(min: number, max: number, what: string) {
  return z.string().refine((text) => {
    const value = Number(text);
    return text.trim() !== "" && Number.isFinite(value) && value >= min && value <= max;
  }, `${what} is not a finite number between ${min} and ${max}`);
}

export const aggregateRowSchema = z.object({
  level_index: z.number().int(),
  user_id: z.string().min(1),
  progress_rows: z.number().int(),
  units_completed: z.number().int(),
  accuracy: numericText(0, 100, "accuracy").nullable(),
  study_seconds: numericText(0, MAX_SAFE_SECONDS, "the study time (seconds)"),
  progress_last_at: readableTime.nullable(),
  milestone_rows: z.number().int(),
  has_completion_milestone: z.boolean(),
  milestone_last_at: readableTime.nullable(),
  /** Counts per PROGRESS_WARNING_KINDS; null when no progress row had a value left out. */
  progress_warnings: z.array(z.number().int().nonnegative()).length(6).nullable(),
  time_spent_total_out_of_range: z.number().int(),
  milestone_unreadable: z.number().int(),
  /** For crm_sync.learner_facts: bigint bitmask of active weeks (text) and the week it is anchored to. */
  activity_weeks: z.string().regex(/^-?[0-9]+$/),
  weeks_anchor: readableTime,
});
export type AggregateRow = z.infer<typeof aggregateRowSchema>;

/** What each position of `progress_warnings` counts (aggregate-sql.ts builds the array in this order). */
export const PROGRESS_WARNING_KINDS = [
  "accuracy_out_of_range",
  "accuracy_not_a_number",
  "time_spent_negative",
  "time_spent_not_a_number",
  "time_spent_out_of_range",
  "activity_unreadable",
] as const;

/** Enough of a row to say whose it is when the rest does not parse. */
export const rowOwnerSchema = z.object({ level_index: z.number().int(), user_id: z.string().min(1) });

/** "study_seconds: the study time (seconds) is not a finite number…; progress_last_at: …" — one line. */
export function describeRowProblem(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "row"}: ${issue.message}`).join("; ");
}
