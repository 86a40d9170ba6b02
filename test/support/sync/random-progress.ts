/** Random progress rows for the change-capture and KPI tests, drawn from a seeded generator (replayable). */
import type { Queryable } from "@/lib/db/queryable";
import type { Prng } from "@/sandbox/seed/create-prng";

const DAY = 86_400_000;

/** One `{level}_progress` row (user, unit, completed, accuracy, seconds, updated_at) within the 80 days before `now`. */
export function randomProgressRow(prng: Prng, userId: string, now: number): unknown[] {
  const completed = prng.chance(0.7);
  return [
    userId,
    prng.int(1, 8),
    completed,
    completed && prng.chance(0.9) ? prng.int(40, 100) : null,
    prng.int(0, 900),
    new Date(now - prng.int(0, 80) * DAY - prng.int(0, 86_000) * 1000).toISOString(),
  ];
}

/** Inserts rows shaped as randomProgressRow's into `public.{level}_progress`, in one statement (none when empty). */
export async function insertProgressRows(db: Queryable, level: string, rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const column = (index: number) => rows.map((row) => row[index]);
  await db.query(
    `insert into public.${level}_progress (user_id, unit_id, completed, accuracy, time_spent_seconds, updated_at)
     select * from unnest($1::uuid[], $2::int[], $3::bool[], $4::numeric[], $5::int[], $6::timestamptz[])`,
    [column(0), column(1), column(2), column(3), column(4), column(5)],
  );
}
