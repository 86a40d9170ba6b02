/**
 * computeKpis against two independent results on seeded random data full of the cases its fast
 * path must get right: retried units (some learners in one level only), equal activity times,
 * invalid values next to valid ones, null activity dates, text and timestamp columns, deleted and
 * banned learners, null unit ids (level c1). References: the slow pre-fast-path statement and the
 * sync's own per-learner aggregation (what HubSpot receives).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrng } from "@/sandbox/seed/create-prng";
import { addLearners, createLevel } from "@/test/support/sync/source-fixtures";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { computeKpis } from "./compute-kpis";
import { kpisFromSync } from "@/test/support/kpis/kpis-from-sync";
import { referenceKpis } from "@/test/support/kpis/reference-kpis";

const NOW = new Date("2026-03-11T12:00:00Z");
const rng = createPrng(20_260_311);
let db: TestDatabase;
/** Per level: learners with a unit completed twice or more / with rows but no such unit. */
const retried = new Map<string, { retried: Set<string>; single: Set<string> }>();

interface Row {
  userId: string;
  unitId: string | number | null;
  done: boolean;
  accuracy: string | null;
  seconds: string | null;
  at: Date | null;
}

const randomTime = () => new Date(NOW.getTime() - rng.int(0, 120) * 86_400_000 - rng.int(0, 86_399) * 1000);
const numericAccuracy = () =>
  rng.pick([String(rng.int(0, 10_000) / 100), String(rng.int(0, 100)), "100", "0", "150", "-5", "NaN", null]);
const textAccuracy = () =>
  rng.pick(["95", " 87.5 ", "abc", "", "NaN", "1e2", "150", "-3", String(rng.int(0, 1000) / 10), null]);

/** Units 1…n per learner, each with a retry (same or another time) now and then. */
function progressRows(
  userId: string,
  units: readonly (string | number | null)[],
  value: () => { accuracy: string | null; seconds: string | null },
  nullTimes: boolean,
): Row[] {
  const rows: Row[] = [];
  for (const unitId of units.slice(0, rng.int(1, units.length))) {
    const first = randomTime();
    for (let attempt = 0, attempts = rng.chance(0.3) ? rng.int(2, 3) : 1; attempt < attempts; attempt++) {
      const at =
        nullTimes && rng.chance(0.1)
          ? null
          : attempt > 0 && rng.chance(0.3)
            ? first
            : attempt === 0
              ? first
              : randomTime();
      rows.push({ userId, unitId, done: rng.chance(0.8), at, ...value() });
    }
  }
  return rows;
}

function trackRetries(level: string, rows: readonly Row[]): void {
  const entry = { retried: new Set<string>(), single: new Set<string>() };
  const seen = new Map<string, number>();
  for (const row of rows.filter((candidate) => candidate.done)) {
    const key = `${row.userId}|${String(row.unitId)}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  for (const row of rows) if ((seen.get(`${row.userId}|${String(row.unitId)}`) ?? 0) > 1) entry.retried.add(row.userId);
  for (const row of rows) if (!entry.retried.has(row.userId)) entry.single.add(row.userId);
  retried.set(level, entry);
}

beforeAll(async () => {
  db = await createTestDatabase();
  const ids = await addLearners(
    db.pool,
    Array.from({ length: 272 }, (_, index) => ({ email: `learner${index}@example.com` })),
  );
  await db.pool.query("update auth.users set deleted_at = now() where id = any($1::uuid[])", [ids.slice(0, 6)]);
  await db.pool.query("update auth.users set banned_until = '2099-01-01' where id = any($1::uuid[])", [
    ids.slice(6, 12),
  ]);

  // a1: the standard columns, integer units.
  await createLevel(db.pool, "a1");
  const a1 = ids
    .filter(() => rng.chance(0.9))
    .flatMap((id) =>
      progressRows(
        id,
        [1, 2, 3, 4, 5, 6],
        () => ({ accuracy: numericAccuracy(), seconds: rng.pick(["600", "1200", "-50", null]) }),
        false,
      ),
    );
  await db.pool.query(
    `insert into public.a1_progress (user_id, unit_id, completed, accuracy, time_spent_seconds, updated_at)
     select * from unnest($1::uuid[], $2::int[], $3::boolean[], $4::numeric[], $5::int[], $6::timestamptz[])`,
    [
      a1.map((r) => r.userId),
      a1.map((r) => r.unitId),
      a1.map((r) => r.done),
      a1.map((r) => r.accuracy),
      a1.map((r) => r.seconds),
      a1.map((r) => r.at),
    ],
  );
  // a2: text units (some null), completed_at only, decimal seconds, activity dates that may be null.
  await db.pool.query(
    `create table public.a2_progress (user_id uuid, unit_id text, completed_at timestamptz, accuracy numeric, time_spent_seconds numeric, updated_at timestamptz)`,
  );
  await db.pool.query(
    "create table public.a2_milestones (user_id uuid not null, milestone text not null, achieved_at timestamptz not null)",
  );
  const a2 = ids
    .filter(() => rng.chance(0.6))
    .flatMap((id) =>
      progressRows(
        id,
        ["u1", "u2", "u3", "u4", "u5"],
        () => ({ accuracy: numericAccuracy(), seconds: rng.pick(["12.5", "300", "-1", "NaN", null]) }),
        true,
      ),
    );
  await db.pool.query(
    `insert into public.a2_progress select * from unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::numeric[], $5::numeric[], $6::timestamptz[])`,
    [
      a2.map((r) => r.userId),
      a2.map((r) => r.unitId),
      a2.map((r) => (r.done ? (r.at ?? NOW) : null)),
      a2.map((r) => r.accuracy),
      a2.map((r) => r.seconds),
      a2.map((r) => r.at),
    ],
  );
  // b1: text values, timestamps without time zone, no milestones table, a unit total.
  await db.pool.query(
    `create table public.b1_progress (user_id uuid, unit_id int, completed boolean, accuracy text, time_spent_seconds text, updated_at timestamp)`,
  );
  const b1 = ids
    .filter(() => rng.chance(0.4))
    .flatMap((id) =>
      progressRows(
        id,
        [1, 2, 3, 4],
        () => ({ accuracy: textAccuracy(), seconds: rng.pick(["300", "x", "-1", "12.5", null]) }),
        false,
      ),
    );
  await db.pool.query(
    `insert into public.b1_progress select * from unnest($1::uuid[], $2::int[], $3::boolean[], $4::text[], $5::text[], $6::timestamp[])`,
    [
      b1.map((r) => r.userId),
      b1.map((r) => r.unitId),
      b1.map((r) => r.done),
      b1.map((r) => r.accuracy),
      b1.map((r) => r.seconds),
      b1.map((r) => r.at?.toISOString().replace("T", " ").replace("Z", "") ?? null),
    ],
  );
  // c1: nullable unit ids; a NULL unit counts as one unit, as the sync's group by unit_id does.
  await createLevel(db.pool, "c1", {
    columns:
      "user_id uuid, unit_id int, completed boolean, accuracy numeric, time_spent_seconds int, updated_at timestamptz",
    hasMilestones: false,
  });
  const c1 = ids
    .filter(() => rng.chance(0.5))
    .flatMap((id) =>
      progressRows(id, [1, null, 3], () => ({ accuracy: numericAccuracy(), seconds: rng.pick(["60", null]) }), false),
    );
  await db.pool.query(
    `insert into public.c1_progress select * from unnest($1::uuid[], $2::int[], $3::boolean[], $4::numeric[], $5::int[], $6::timestamptz[])`,
    [
      c1.map((r) => r.userId),
      c1.map((r) => r.unitId),
      c1.map((r) => r.done),
      c1.map((r) => r.accuracy),
      c1.map((r) => r.seconds),
      c1.map((r) => r.at),
    ],
  );
  for (const [level, share] of [
    ["a1", 0.35],
    ["a2", 0.25],
  ] as const) {
    const milestones = ids
      .filter(() => rng.chance(share))
      .map((id) => [id, rng.pick(["level_completed", "unit_1_started"]), randomTime()] as const);
    await db.pool.query(
      `insert into public."${level}_milestones" (user_id, milestone, achieved_at) select * from unnest($1::uuid[], $2::text[], $3::timestamptz[])`,
      [milestones.map((m) => m[0]), milestones.map((m) => m[1]), milestones.map((m) => m[2])],
    );
  }
  await db.pool.query(
    "insert into crm_sync.level_settings (level, enabled, unit_total) values ('a1', true, 6), ('a2', true, null), ('b1', true, 3), ('c1', true, 2)",
  );
  trackRetries("a1", a1);
  trackRetries("a2", a2);
  trackRetries("b1", b1);
  trackRetries("c1", c1);
});
afterAll(() => db.drop());

describe("computeKpis on random data with retries and bad values", () => {
  it("has enough learners with and without retried units, and some who retried in one level only", () => {
    for (const level of ["a1", "a2", "b1", "c1"]) {
      expect(retried.get(level)?.retried.size, level).toBeGreaterThan(10);
      expect(retried.get(level)?.single.size, level).toBeGreaterThan(10);
    }
    const onlyInA1 = [...(retried.get("a1")?.retried ?? [])].filter((id) => retried.get("a2")?.single.has(id));
    expect(onlyInA1.length).toBeGreaterThan(5);
  });

  it("equals the slow reference statement, chart weeks and totals included", async () => {
    const { generatedAt, ...report } = await computeKpis(db.pool, { now: NOW });
    expect(generatedAt).toBe(NOW.toISOString());
    expect(report.levels.map((level) => level.level)).toEqual(["a1", "a2", "b1", "c1"]);
    expect(report).toEqual(await referenceKpis(db.pool, NOW));
  });

  it("equals what the sync computes per learner (null unit ids included)", async () => {
    const report = await computeKpis(db.pool, { now: NOW });
    expect(report.levels.map((level) => level.level)).toEqual(["a1", "a2", "b1", "c1"]);
    expect({ levels: report.levels, totals: report.totals }).toEqual(await kpisFromSync(db.pool, NOW));
  });

  it("gives the same report on the plan large tables get (rows in (user_id, unit_id) index order)", async () => {
    await db.pool.query(
      "create index on public.a1_progress (user_id, unit_id); create index on public.a2_progress (user_id, unit_id); create index on public.b1_progress (user_id, unit_id); create index on public.c1_progress (user_id, unit_id)",
    );
    const indexed = db.createPool({
      max: 4,
      options: "-c enable_seqscan=off -c enable_sort=off -c enable_hashagg=off",
    });
    try {
      const { generatedAt, ...report } = await computeKpis(indexed, { now: NOW });
      expect(generatedAt).toBe(NOW.toISOString());
      expect(report).toEqual(await referenceKpis(db.pool, NOW));
    } finally {
      await indexed.end();
    }
  });
});
