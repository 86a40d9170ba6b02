/** Customer-side fixtures for engine tests: learners in auth.users and level tables with rows. */
import { randomUUID } from "node:crypto";
import type { Queryable } from "@/lib/db/queryable";

/** Inserts learners (auth.users rows; email null = a user without one) and returns their ids, in the order given. */
export async function addLearners(
  db: Queryable,
  learners: readonly { email: string | null; id?: string }[],
): Promise<string[]> {
  const ids = learners.map((learner) => learner.id ?? randomUUID());
  await db.query("insert into auth.users (id, email) select * from unnest($1::uuid[], $2::text[])", [
    ids,
    learners.map((learner) => learner.email),
  ]);
  return ids;
}

export const STANDARD_PROGRESS_COLUMNS = `
  user_id uuid not null, unit_id integer not null, completed boolean not null default false,
  completed_at timestamptz, accuracy numeric, time_spent_seconds integer,
  updated_at timestamptz not null default now(), created_at timestamptz not null default now()`;

/** Creates `{level}_progress` (standard columns unless given) and `{level}_milestones`, indexed on user_id. */
export async function createLevel(
  db: Queryable,
  level: string,
  options: { columns?: string; hasMilestones?: boolean; schema?: string } = {},
): Promise<void> {
  const schema = options.schema ?? "public";
  await db.query(`create table "${schema}"."${level}_progress" (${options.columns ?? STANDARD_PROGRESS_COLUMNS})`);
  if ((options.columns ?? STANDARD_PROGRESS_COLUMNS).includes("user_id")) {
    await db.query(`create index on "${schema}"."${level}_progress" (user_id)`);
  }
  if (options.hasMilestones ?? true) {
    await db.query(
      `create table "${schema}"."${level}_milestones" (user_id uuid not null, milestone text not null, achieved_at timestamptz not null default now())`,
    );
  }
}

export interface ProgressRow {
  userId: string;
  unitId: number;
  completed?: boolean;
  accuracy?: number | string | null;
  timeSpent?: number | null;
  updatedAt?: string;
}

export async function addProgress(db: Queryable, level: string, rows: readonly ProgressRow[]): Promise<void> {
  await db.query(
    `insert into public."${level}_progress" (user_id, unit_id, completed, accuracy, time_spent_seconds, updated_at)
     select * from unnest($1::uuid[], $2::int[], $3::boolean[], $4::numeric[], $5::int[], $6::timestamptz[])`,
    [
      rows.map((row) => row.userId),
      rows.map((row) => row.unitId),
      rows.map((row) => row.completed ?? true),
      rows.map((row) => (row.accuracy === undefined ? null : row.accuracy)),
      rows.map((row) => row.timeSpent ?? null),
      rows.map((row) => row.updatedAt ?? "2026-01-10T12:00:00Z"),
    ],
  );
}

export async function addMilestone(
  db: Queryable,
  level: string,
  userId: string,
  milestone: string,
  achievedAt: string,
): Promise<void> {
  await db.query(`insert into public."${level}_milestones" (user_id, milestone, achieved_at) values ($1, $2, $3)`, [
    userId,
    milestone,
    achievedAt,
  ]);
}

/** Learners 1..n, each with a few completed units in each given level (set-based, fast). */
export async function seedSimpleLearners(
  db: Queryable,
  count: number,
  levels: readonly string[],
  emailPrefix = "learner",
): Promise<string[]> {
  const ids = await addLearners(
    db,
    Array.from({ length: count }, (_, index) => ({ email: `${emailPrefix}${index + 1}@example.com` })),
  );
  for (const level of levels) {
    await db.query(
      `insert into public."${level}_progress" (user_id, unit_id, completed, accuracy, time_spent_seconds, updated_at)
       select u.id, unit, unit <= 2, 60 + unit * 10, 300, timestamptz '2026-01-01T00:00:00Z' + (unit || ' days')::interval
       from auth.users u cross join generate_series(1, 3) as unit where u.id = any($1::uuid[])`,
      [ids],
    );
  }
  return ids;
}

/** Empties everything the engine reads and writes between tests of one file. */
export async function resetSyncDatabase(db: Queryable): Promise<void> {
  const { rows } = await db.query(
    `select format('%I.%I', schemaname, tablename) as name from pg_tables
     where schemaname = 'public' and (tablename like '%\\_progress' or tablename like '%\\_milestones')`,
  );
  for (const row of rows) await db.query(`drop table ${String(row.name)} cascade`);
  // First: learner capture queues the deleted users, and the truncates below drop that too.
  await db.query("delete from auth.users");
  await db.query(
    "truncate crm_sync.runs, crm_sync.run_errors, crm_sync.contact_state, crm_sync.level_settings cascade",
  );
  await db.query(
    "truncate crm_sync.change_queue, crm_sync.learner_facts, crm_sync.level_capture, crm_sync.run_learners",
  );
  await db.query("truncate crm_sync.learner_capture, crm_sync.learner_index, crm_sync.learner_rechecks");
  await db.query(
    "update crm_sync.settings set auto_enable_new_levels = true, completion_milestone_key = 'level_completed'",
  );
  await db.query("truncate crm_sync.hubspot_daily_usage");
  await db.query(
    "update crm_sync.settings set daily_request_quota = 250000, account_time_zone = null, account_time_zone_read_at = null",
  );
}
