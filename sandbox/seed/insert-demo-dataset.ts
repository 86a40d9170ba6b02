/**
 * Writes a generated DemoDataset with one set-based statement per table (`unnest` over column
 * arrays), never one statement per row: ~100k rows take about a second.
 */
import { randomBytes } from "node:crypto";
import type pg from "pg";
import { createAuthUser } from "@/sandbox/auth/users";
import type { MilestoneRow, ProgressRow } from "./build-learner-journey";
import { levelTableName, type Queryable } from "./create-level-tables";
import { DEMO_LEVELS, type DemoDataset } from "./generate-demo-dataset";

const iso = (date: Date | null) => (date ? date.toISOString() : null);
const byCreation = <T extends { createdAt: Date }>(rows: T[]) =>
  [...rows].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());

/**
 * The demo logins are created the way the auth stand-in (and GoTrue) stores users, bcrypt cost
 * 10; learner@demo.test's generated rows are re-pointed at the id it returns.
 */
export async function insertDemoLogins(client: pg.PoolClient, dataset: DemoDataset, password: string): Promise<void> {
  for (const user of dataset.users.filter((u) => u.login)) {
    const created = await createAuthUser(client, {
      email: user.email,
      password,
      userMetadata: { full_name: user.fullName },
    });
    for (const rows of [...dataset.progress.values(), ...dataset.milestones.values()]) {
      for (const row of rows) if (row.userId === user.id) row.userId = created.id;
    }
    user.id = created.id;
  }
}

/** One statement for all learners (the logins excepted), in the columns GoTrue fills. */
export async function insertDemoLearners(db: Queryable, dataset: DemoDataset): Promise<void> {
  // Learners never log in: they share one hash of a random, discarded password, computed once
  // at the cheapest bcrypt cost instead of 2,000 times.
  const { rows } = await db.query<{ hash: string }>(
    "select extensions.crypt($1, extensions.gen_salt('bf', 4)) as hash",
    [randomBytes(24).toString("base64url")],
  );
  const users = dataset.users.filter((u) => !u.login);
  await db.query(
    `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
        raw_app_meta_data, raw_user_meta_data, created_at, updated_at, deleted_at, banned_until, is_sso_user, is_anonymous)
     select '00000000-0000-0000-0000-000000000000', u.id, 'authenticated', 'authenticated', u.email, $7,
        u.created_at, '{"provider": "email", "providers": ["email"]}'::jsonb, jsonb_build_object('full_name', u.full_name),
        u.created_at, u.created_at, u.deleted_at, u.banned_until, false, false
       from unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[])
         as u(id, email, full_name, created_at, deleted_at, banned_until)`,
    [
      users.map((u) => u.id),
      users.map((u) => u.email),
      users.map((u) => u.fullName),
      users.map((u) => iso(u.createdAt)),
      users.map((u) => iso(u.deletedAt)),
      users.map((u) => iso(u.bannedUntil)),
      rows[0]!.hash,
    ],
  );
}

async function insertProgress(
  db: Queryable,
  schema: string,
  level: string,
  unitIdType: string,
  rows: ProgressRow[],
): Promise<void> {
  // Sorted by creation so ids grow with time, as in the real app.
  const sorted = byCreation(rows);
  await db.query(
    `insert into ${levelTableName(schema, level, "progress")}
        (user_id, unit_id, completed, completed_at, accuracy, time_spent_seconds, updated_at, created_at)
     select * from unnest($1::uuid[], $2::${unitIdType}[], $3::boolean[], $4::timestamptz[], $5::numeric[], $6::integer[],
        $7::timestamptz[], $8::timestamptz[])`,
    [
      sorted.map((r) => r.userId),
      sorted.map((r) => r.unitId),
      sorted.map((r) => r.completed),
      sorted.map((r) => iso(r.completedAt)),
      sorted.map((r) => r.accuracy),
      sorted.map((r) => r.timeSpentSeconds),
      sorted.map((r) => iso(r.updatedAt)),
      sorted.map((r) => iso(r.createdAt)),
    ],
  );
}

async function insertMilestones(db: Queryable, schema: string, level: string, rows: MilestoneRow[]): Promise<void> {
  const sorted = [...rows].sort((a, b) => a.achievedAt.getTime() - b.achievedAt.getTime());
  await db.query(
    `insert into ${levelTableName(schema, level, "milestones")} (user_id, milestone, achieved_at)
     select * from unnest($1::uuid[], $2::text[], $3::timestamptz[])`,
    [sorted.map((r) => r.userId), sorted.map((r) => r.milestone), sorted.map((r) => iso(r.achievedAt))],
  );
}

export async function insertDemoLevelRows(db: Queryable, schema: string, dataset: DemoDataset): Promise<void> {
  for (const { level, unitIdType } of DEMO_LEVELS) {
    await insertProgress(db, schema, level, unitIdType, dataset.progress.get(level) ?? []);
    await insertMilestones(db, schema, level, dataset.milestones.get(level) ?? []);
  }
}

/** Staff rows for the demo logins, audited like any other staff change. */
export async function insertDemoStaff(db: Queryable, dataset: DemoDataset): Promise<void> {
  const staff = dataset.users.filter((u) => u.login && u.login.role !== "learner");
  await db.query(
    `with added as (
       insert into crm_sync.staff (user_id, email, role)
       select * from unnest($1::uuid[], $2::text[], $3::text[])
       on conflict (user_id) do nothing
       returning email, role)
     insert into crm_sync.audit_log (actor_label, action, target, details)
     select 'demo seed', 'staff.add', email, jsonb_build_object('role', role) from added`,
    [staff.map((u) => u.id), staff.map((u) => u.email), staff.map((u) => u.login!.role)],
  );
}
