/**
 * SQL of the benchmark generator. Every value is a seeded hash (hashint8extended) of the
 * learner number (and unit), so the data is deterministic without shipping rows from Node.
 * Parameters shared by all statements: $1 seed, $2 levels per learner, $3 units per level,
 * $4 now, $5 learner count; $6 is statement-specific.
 */

/** Masks the sign bit: abs() would overflow on the smallest bigint. */
const NON_NEGATIVE = "9223372036854775807";

/** Learner n → user id, number of levels (1…$2), units done in the last one, start time. */
const LEARNERS = `
  select n, md5($1::bigint || ':' || n)::uuid as user_id,
         1 + (hashint8extended(n, $1::bigint + 1) & ${NON_NEGATIVE}) % $2 as level_count,
         (hashint8extended(n, $1::bigint + 2) & ${NON_NEGATIVE}) % $3 as done_in_last,
         $4::timestamptz - ((hashint8extended(n, $1::bigint + 3) & ${NON_NEGATIVE}) % (170 * 86400)) * interval '1 second' as started_at
    from generate_series(1, $5::bigint) as n`;

/** $6 = email domain. */
export const INSERT_BENCHMARK_USERS = `
  insert into auth.users (instance_id, id, aud, role, email, email_confirmed_at, created_at, updated_at)
  select '00000000-0000-0000-0000-000000000000', user_id, 'authenticated', 'authenticated',
         'learner.' || n || '@' || $6, started_at, started_at, started_at
    from (${LEARNERS}) as learners`;

/**
 * $6 = level index. Earlier levels: every unit completed; the last level: `done_in_last`
 * units plus the one in progress. Units are spaced 2–26 hours apart, never in the future.
 */
export function insertBenchmarkProgress(table: string): string {
  return `
  insert into ${table} (user_id, unit_id, completed, completed_at, accuracy, time_spent_seconds, updated_at, created_at)
  select l.user_id, u, u <= l.done, case when u <= l.done then t.at end,
         round(60 + (h % 3900) / 100.0, 1), 300 + (h / 7919) % 2100, t.at, t.at - interval '20 minutes'
    from (select *, case when level_count - 1 > $6 then $3 else done_in_last end as done
            from (${LEARNERS}) as all_learners where level_count > $6) as l
   cross join lateral generate_series(1, least(l.done + 1, $3)) as u
   cross join lateral (select hashint8extended(l.n * 1000 + u, $1::bigint + 10 + $6) & ${NON_NEGATIVE} as h) as hashed
   cross join lateral (select least($4::timestamptz, l.started_at + (($6 * $3 + u) * (2 + h % 24)) * interval '1 hour') as at) as t`;
}

/** $6 = level index: `level_completed` for every learner who went past this level. */
export function insertBenchmarkMilestones(table: string): string {
  return `
  insert into ${table} (user_id, milestone, achieved_at)
  select user_id, 'level_completed', least($4::timestamptz, started_at + (($6 + 1) * $3 * 26) * interval '1 hour')
    from (${LEARNERS}) as all_learners where level_count - 1 > $6`;
}

/**
 * Realistic retries: 30 % of learners retry 30 % of their completed units, 1–4 earlier attempts
 * each (an hour apart, before the attempt that counts, with other accuracy and time values), so
 * the aggregation's "latest valid row per unit" path carries real weight. $1 = seed.
 */
export function insertBenchmarkRetries(table: string): string {
  return `
  insert into ${table} (user_id, unit_id, completed, completed_at, accuracy, time_spent_seconds, updated_at, created_at)
  select p.user_id, p.unit_id, true, p.completed_at - a * interval '1 hour', round(40 + (h % 6000) / 100.0, 1), 120 + h % 900,
         p.updated_at - a * interval '1 hour', p.created_at - a * interval '1 hour'
    from ${table} p
   cross join lateral (select hashtextextended(p.user_id::text || ':' || p.unit_id, $1::bigint + 21) & ${NON_NEGATIVE} as h) as hashed
   cross join lateral generate_series(1, 1 + (h / 7) % 4) as a
   where p.completed
     and (hashtextextended(p.user_id::text, $1::bigint + 20) & ${NON_NEGATIVE}) % 100 < 30
     and h % 100 < 30`;
}
