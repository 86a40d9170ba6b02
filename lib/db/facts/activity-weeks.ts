/**
 * Activity weeks as stored in crm_sync.learner_facts: a bigint bitmask over the 62 ISO weeks
 * (Monday 00:00 UTC) that end with the "anchor" week, the week the facts were computed in; bit 61
 * is the anchor week, bit 61 − k the week k weeks earlier. The dashboard asks "active in week W?"
 * at read time for its last 12 complete weeks, which always lie within 61 weeks of any anchor
 * whose facts are still current (a learner without changes since has no newer activity; only rows
 * dated in the future at computation time are not represented).
 */
export const FACT_WEEKS = 62;
const WEEK = "interval '168 hours'"; // hours, not days: no daylight-saving shift in any session time zone

/** Monday 00:00 UTC of the statement's current week. */
export const WEEKS_ANCHOR_SQL = "date_trunc('week', now(), 'UTC')";

/** The FACT_WEEKS + 1 week bounds, oldest first; computed once per statement (an InitPlan). */
const BOUNDS_SQL = `(select array_agg(w order by w) from generate_series(${WEEKS_ANCHOR_SQL} - ${FACT_WEEKS - 1} * ${WEEK}, ${WEEKS_ANCHOR_SQL} + ${WEEK}, ${WEEK}) as w)`;

/**
 * One bit for the week of a timestamp (0 outside the 62 weeks or when null). width_bucket gives 0
 * before the first bound and FACT_WEEKS + 1 after the last; the final mask clears both.
 */
export function activityWeekBit(atSql: string): string {
  return `coalesce(((1::bigint << width_bucket(${atSql}, ${BOUNDS_SQL})) >> 1) & ${(2n ** BigInt(FACT_WEEKS) - 1n).toString()}::bigint, 0)`;
}

/** SQL: is the learner's fact row active in the week starting at `mondaySql` (a timestamptz)? */
export function isActiveInWeekSql(anchorSql: string, maskSql: string, mondaySql: string): string {
  // Whole weeks between the anchor and the asked week; 0 = the anchor week itself.
  const weeksBack = `((${anchorSql}::date - (${mondaySql} at time zone 'UTC')::date) / 7)`;
  return `(${weeksBack} between 0 and ${FACT_WEEKS - 1} and (${maskSql} >> (${FACT_WEEKS - 1} - ${weeksBack})) & 1 = 1)`;
}
