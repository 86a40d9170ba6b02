/**
 * The aggregation reads each kind of value column its own way (source-expressions.ts,
 * aggregate-sql.ts): integer and numeric columns natively, float and text columns converted to
 * numeric first, timestamps sent to JavaScript as epoch milliseconds. These hand-checked fixtures
 * pin what each way must give, edge values included, and that a timestamp reaches JavaScript as
 * exactly the Date node-postgres itself parses from that column.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { aggregateBatch, type LevelAggregationInput, type LevelMetrics } from "./aggregate-batch";
import { discoverLevels } from "../levels/discover-levels";

let db: TestDatabase;
let levels: LevelAggregationInput[];

const L1 = "00000000-0000-4000-8000-000000000001";
const L2 = "00000000-0000-4000-8000-000000000002";
const L3 = "00000000-0000-4000-8000-000000000003";
/** One learner per edge timestamp, in a1: microseconds, years before 1970 and below 100, the last readable instant. */
const TIMES = [
  "0050-06-01 12:00:00.999999+00",
  "1969-12-31 23:59:59.9995+00",
  "1970-01-01 00:00:00.000999+00",
  "2026-03-01 10:00:00.123456+00",
  "9999-12-31 23:59:59.999999+00",
];
const timeLearner = (index: number) => `00000000-0000-4000-8000-0000000001${String(index).padStart(2, "0")}`;

beforeAll(async () => {
  db = await createTestDatabase();
  const users = [L1, L2, L3, ...TIMES.map((_, index) => timeLearner(index))];
  await db.pool.query(
    "insert into auth.users (id, email) select id, 'learner-' || ord || '@example.com' from unnest($1::uuid[]) with ordinality as x(id, ord)",
    [users],
  );
  // a1: bigint seconds, double precision accuracy; a2: smallint seconds, real accuracy, timestamp
  // without time zone; b1: double precision seconds, integer accuracy.
  await db.pool.query(`
    create table public.a1_progress (user_id uuid, unit_id int, completed boolean, accuracy double precision, time_spent_seconds bigint, updated_at timestamptz);
    create table public.a2_progress (user_id uuid, unit_id int, completed boolean, accuracy real, time_spent_seconds smallint, updated_at timestamp);
    create table public.b1_progress (user_id uuid, unit_id int, completed boolean, accuracy integer, time_spent_seconds double precision, updated_at timestamptz);
    create index on public.a1_progress (user_id, unit_id);
    create index on public.a2_progress (user_id, unit_id);
    create index on public.b1_progress (user_id, unit_id);`);
  await db.pool.query(
    `insert into public.a1_progress values
       ($1, 1, true, 100.00000000000001, 9007199254740991, '2026-01-01 10:00+00'),
       ($1, 2, true, 'NaN', 9007199254740992, '2026-01-02 10:00+00'),
       ($1, 3, true, 'Infinity', -1, '2026-01-03 10:00+00'),
       ($1, 4, true, 50, 1, '2026-01-04 10:00+00')`,
    [L1],
  );
  await db.pool.query(
    "insert into public.a1_progress select id, 1, true, 80, 60, t::timestamptz from unnest($1::uuid[], $2::text[]) as x(id, t)",
    [TIMES.map((_, index) => timeLearner(index)), TIMES],
  );
  await db.pool.query(
    `insert into public.a2_progress values
       ($1, 1, true, 99.5, 32767, '2026-02-01 10:00'),
       ($1, 1, true, 10, 32767, '2026-02-02 10:00'),
       ($1, 2, true, 100.001, 100, '2026-02-03 10:00'),
       ($1, 3, false, 40, -32768, '2026-02-04 10:00'),
       ($2, 1, true, 'NaN', null, null)`,
    [L1, L2],
  );
  await db.pool.query(
    `insert into public.b1_progress values
       ($1, 1, true, 100, 1.5, '2026-03-01 10:00+00'),
       ($1, 2, true, 101, 'Infinity', '2026-03-02 10:00+00'),
       ($1, 3, true, -1, 1e300, '2026-03-03 10:00+00'),
       ($1, 4, true, 0, 2.25, '2026-03-04 10:00+00'),
       ($1, 5, true, null, 'NaN', '-infinity'),
       ($2, 1, true, 70, 9007199254740991, '2026-03-05 10:00+00'),
       ($2, 2, true, 71, 9007199254740991, '2026-03-06 10:00+00')`,
    [L1, L3],
  );
  const report = await discoverLevels(db.pool, "public");
  levels = report.levels.map((level) => ({ source: level.source!, unitTotal: null }));
});
afterAll(() => db.drop());

async function aggregate(userIds: string[]) {
  return aggregateBatch(db.pool, levels, userIds, "level_completed");
}

function warningsOf(metrics: Awaited<ReturnType<typeof aggregate>>, userId: string, level: string) {
  return Object.fromEntries(
    (metrics.get(userId)?.warnings ?? [])
      .filter((warning) => warning.level === level)
      .map((warning) => [warning.kind, warning.rows]),
  );
}

describe("aggregateBatch over every supported column type", () => {
  it("reads the column kinds as discovery classifies them", () => {
    expect(levels.map(({ source }) => [source.level, source.columns.accuracy, source.columns.timeSpent])).toEqual([
      ["a1", "float", "numeric"],
      ["a2", "float", "numeric"],
      ["b1", "numeric", "float"],
    ]);
  });

  it("bigint seconds and double precision accuracy (a1)", async () => {
    const metrics = await aggregate([L1]);
    expect(metrics.get(L1)?.levels.get("a1")).toEqual<LevelMetrics>({
      unitsCompleted: 4,
      // 100.00000000000001 is 100 once read as numeric (15 significant digits), so it counts.
      accuracy: "75.0",
      status: "in_progress",
      // 2^53 − 1 + 1 passes 2^53 − 1: the level's sum is left out.
      studySeconds: 0,
      lastActivityAt: new Date("2026-01-04T10:00:00Z"),
      progressRows: 4,
      milestoneRows: 0,
    });
    expect(warningsOf(metrics, L1, "a1")).toEqual({
      accuracy_out_of_range: 1,
      accuracy_not_a_number: 1,
      time_spent_negative: 1,
      time_spent_out_of_range: 1,
      time_spent_total_out_of_range: 2,
    });
  });

  it("smallint seconds summed past their type, real accuracy, a retried unit, timestamp without time zone (a2)", async () => {
    const metrics = await aggregate([L1, L2]);
    expect(metrics.get(L1)?.levels.get("a2")).toEqual<LevelMetrics>({
      unitsCompleted: 2,
      // Unit 1: the later attempt (10) counts; unit 2: 100.001 is out of range; unit 3 not completed.
      accuracy: "10.0",
      status: "in_progress",
      studySeconds: 32767 + 32767 + 100,
      lastActivityAt: new Date("2026-02-04T10:00:00Z"),
      progressRows: 4,
      milestoneRows: 0,
    });
    expect(warningsOf(metrics, L1, "a2")).toEqual({ accuracy_out_of_range: 1, time_spent_negative: 1 });
    expect(metrics.get(L2)?.levels.get("a2")).toMatchObject({ accuracy: null, studySeconds: 0, lastActivityAt: null });
    expect(warningsOf(metrics, L2, "a2")).toEqual({ accuracy_not_a_number: 1 });
  });

  it("double precision seconds and integer accuracy (b1)", async () => {
    const metrics = await aggregate([L1, L3]);
    expect(metrics.get(L1)?.levels.get("b1")).toEqual<LevelMetrics>({
      unitsCompleted: 5,
      accuracy: "50.0",
      status: "in_progress",
      studySeconds: 3.75,
      lastActivityAt: new Date("2026-03-04T10:00:00Z"),
      progressRows: 5,
      milestoneRows: 0,
    });
    expect(warningsOf(metrics, L1, "b1")).toEqual({
      accuracy_out_of_range: 2,
      time_spent_not_a_number: 2,
      time_spent_out_of_range: 1,
      activity_unreadable: 1,
    });
    expect(metrics.get(L3)?.levels.get("b1")).toMatchObject({ accuracy: "70.5", studySeconds: 0 });
    expect(warningsOf(metrics, L3, "b1")).toEqual({ time_spent_total_out_of_range: 2 });
  });

  it("hands JavaScript each timestamp as the very Date node-postgres parses from the column", async () => {
    const ids = TIMES.map((_, index) => timeLearner(index));
    const metrics = await aggregate(ids);
    const { rows } = await db.pool.query<{ user_id: string; updated_at: Date }>(
      "select user_id::text as user_id, updated_at from public.a1_progress where user_id = any($1::uuid[])",
      [ids],
    );
    expect(rows).toHaveLength(TIMES.length);
    for (const row of rows) {
      expect(metrics.get(row.user_id)?.levels.get("a1")?.lastActivityAt?.getTime(), row.user_id).toBe(
        row.updated_at.getTime(),
      );
      expect(metrics.get(row.user_id)?.facts?.get("a1")?.weeksAnchor.getUTCDay()).toBe(1);
    }
  });
});
