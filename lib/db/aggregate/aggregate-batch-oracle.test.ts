/**
 * The aggregation against an independent reference: random progress rows (retried units, ties,
 * rows without an activity date, invalid and out-of-range values) are aggregated by SQL and by a
 * plain TypeScript reading of the source data contract (docs/ARCHITECTURE.md), learner by learner. It guards the fast path (one pass per
 * learner) and the retried-unit path of aggregate-sql.ts, which must agree exactly.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { aggregateBatch, type LevelAggregationInput } from "./aggregate-batch";
import { discoverLevels } from "../levels/discover-levels";

interface Row {
  userId: string;
  unitId: string;
  completed: boolean;
  /** Hundredths (integer), "NaN" or null. */
  accuracy: number | "NaN" | null;
  timeSpent: number | null;
  /** Epoch ms or null (no activity date). */
  updatedAt: number | null;
}

interface Expected {
  progressRows: number;
  unitsCompleted: number;
  accuracy: string | null;
  studySeconds: number;
  lastActivityAt: Date | null;
  outOfRange: number;
  notANumber: number;
}

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generateRows(userIds: readonly string[], unitNames: readonly string[], seed: number): Row[] {
  const next = random(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  const rows: Row[] = [];
  const day = Date.UTC(2026, 0, 1);
  for (const userId of userIds) {
    if (next() < 0.1) continue; // some learners have no rows in this level
    for (const unitId of unitNames) {
      if (next() < 0.3) continue;
      // Mostly one row per unit; some units retried up to three times, some retries at the same instant.
      const attempts = next() < 0.7 ? 1 : 1 + Math.floor(next() * 3);
      const base = day + Math.floor(next() * 30) * 86_400_000;
      for (let attempt = 0; attempt < attempts; attempt++) {
        const roll = next();
        rows.push({
          userId,
          unitId,
          completed: next() < 0.8,
          accuracy:
            roll < 0.05
              ? "NaN"
              : roll < 0.1
                ? pick([-500, 10_050, 20_000])
                : roll < 0.15
                  ? null
                  : roll < 0.22
                    ? pick([0, 10_000])
                    : Math.floor(next() * 10_001),
          timeSpent: next() < 0.1 ? pick([-30, null]) : Math.floor(next() * 900),
          updatedAt: next() < 0.1 ? null : base + pick([0, 0, 3_600_000, 7_200_000]) * attempt,
        });
      }
    }
  }
  return rows;
}

/** The source data contract (docs/ARCHITECTURE.md) in plain TypeScript. */
function expectedMetrics(rows: readonly Row[]): Map<string, Expected> {
  const byLearner = new Map<string, Row[]>();
  for (const row of rows) byLearner.set(row.userId, [...(byLearner.get(row.userId) ?? []), row]);
  const result = new Map<string, Expected>();
  for (const [userId, own] of byLearner) {
    const latestByUnit = new Map<string, Row>();
    for (const row of own) {
      const value = row.accuracy;
      if (!row.completed || value === null || value === "NaN" || value < 0 || value > 10_000) continue;
      const current = latestByUnit.get(row.unitId);
      const time = row.updatedAt ?? -Infinity;
      const currentTime = current?.updatedAt ?? -Infinity;
      if (!current || time > currentTime || (time === currentTime && value > (current.accuracy as number)))
        latestByUnit.set(row.unitId, row);
    }
    const picked = [...latestByUnit.values()].map((row) => row.accuracy as number);
    const sum = picked.reduce((total, value) => total + value, 0);
    // Mean in hundredths rounded half away from zero to tenths, all in integers.
    const tenths = picked.length === 0 ? null : Math.floor((sum + 5 * picked.length) / (10 * picked.length));
    const times = own.map((row) => row.updatedAt).filter((time): time is number => time !== null);
    result.set(userId, {
      progressRows: own.length,
      unitsCompleted: new Set(own.filter((row) => row.completed).map((row) => row.unitId)).size,
      accuracy: tenths === null ? null : `${Math.floor(tenths / 10)}.${tenths % 10}`,
      studySeconds: own.reduce(
        (total, row) => total + (row.timeSpent !== null && row.timeSpent >= 0 ? row.timeSpent : 0),
        0,
      ),
      lastActivityAt: times.length === 0 ? null : new Date(Math.max(...times)),
      outOfRange: own.filter((row) => typeof row.accuracy === "number" && (row.accuracy < 0 || row.accuracy > 10_000))
        .length,
      notANumber: own.filter((row) => row.accuracy === "NaN").length,
    });
  }
  return result;
}

let db: TestDatabase;
const userIds = Array.from({ length: 80 }, () => randomUUID());
const rowsByLevel = new Map<string, Row[]>();

async function insertRows(level: string, unitType: string, rows: readonly Row[]): Promise<void> {
  await db.pool.query(
    `insert into public."${level}_progress" (user_id, unit_id, completed, accuracy, time_spent_seconds, updated_at)
     select u, n::${unitType}, c, case when a = 'NaN' then 'NaN'::numeric else a::numeric / 100 end, s, to_timestamp(t / 1000.0)
     from unnest($1::uuid[], $2::text[], $3::boolean[], $4::text[], $5::int[], $6::float8[]) as x(u, n, c, a, s, t)`,
    [
      rows.map((row) => row.userId),
      rows.map((row) => row.unitId),
      rows.map((row) => row.completed),
      rows.map((row) => (row.accuracy === null ? null : String(row.accuracy))),
      rows.map((row) => row.timeSpent),
      rows.map((row) => row.updatedAt),
    ],
  );
}

beforeAll(async () => {
  db = await createTestDatabase();
  await db.pool.query(
    "insert into auth.users (id, email) select id, 'learner-' || ord || '@example.com' from unnest($1::uuid[]) with ordinality as x(id, ord)",
    [userIds],
  );
  // a1: integer units (compared natively); b1: jsonb units (not sortable: grouped as text), with
  // values that differ only in case; c1: text units that differ only in case.
  const levels: Record<string, { unitType: string; units: string[]; seed: number }> = {
    a1: { unitType: "integer", units: Array.from({ length: 15 }, (_, index) => String(index + 1)), seed: 1 },
    b1: { unitType: "jsonb", units: ['"U1"', '"u1"', '"u2"', "3", '{"k": 1}'], seed: 2 },
    c1: { unitType: "text", units: ["x", "X", "y"], seed: 3 },
  };
  for (const [level, spec] of Object.entries(levels)) {
    await db.pool.query(
      `create table public."${level}_progress" (user_id uuid not null, unit_id ${spec.unitType} not null, completed boolean not null,
         accuracy numeric, time_spent_seconds integer, updated_at timestamptz)`,
    );
    await db.pool.query(`create index on public."${level}_progress" (user_id, unit_id)`);
    const rows = generateRows(userIds, spec.units, spec.seed);
    await insertRows(level, spec.unitType, rows);
    rowsByLevel.set(level, rows);
  }
});
afterAll(() => db.drop());

describe("aggregateBatch against a reference implementation", () => {
  it("agrees learner by learner on random data with retries, ties, undated rows and bad values", async () => {
    const report = await discoverLevels(db.pool, "public");
    const inputs: LevelAggregationInput[] = report.levels.map((level) => ({ source: level.source!, unitTotal: null }));
    expect(inputs.map((input) => input.source.level)).toEqual(["a1", "b1", "c1"]);
    expect(inputs.map((input) => input.source.columns.unitIdSortable)).toEqual([true, false, true]);

    // Batches in caller order (not key order) and of uneven sizes: membership never depends on order.
    const shuffled = [...userIds].sort((a, b) => (a.slice(9) < b.slice(9) ? -1 : 1));
    let retried = 0;
    for (let start = 0; start < shuffled.length; start += 13) {
      const batch = shuffled.slice(start, start + 13);
      const metrics = await aggregateBatch(db.pool, inputs, batch, "level_completed");
      for (const level of ["a1", "b1", "c1"]) {
        const expected = expectedMetrics(rowsByLevel.get(level)!);
        for (const userId of batch) {
          const want = expected.get(userId);
          const got = metrics.get(userId)?.levels.get(level);
          if (!want) {
            expect(got, `${level} ${userId} has no rows`).toBeUndefined();
            continue;
          }
          if (
            new Set(
              rowsByLevel
                .get(level)!
                .filter((row) => row.userId === userId)
                .map((row) => row.unitId),
            ).size < want.progressRows
          )
            retried += 1;
          expect(got, `${level} ${userId}`).toMatchObject({
            progressRows: want.progressRows,
            unitsCompleted: want.unitsCompleted,
            accuracy: want.accuracy,
            studySeconds: want.studySeconds,
            lastActivityAt: want.lastActivityAt,
          });
          const warnings = metrics.get(userId)?.warnings.filter((warning) => warning.level === level) ?? [];
          expect(warnings.find((warning) => warning.kind === "accuracy_out_of_range")?.rows ?? 0).toBe(want.outOfRange);
          expect(warnings.find((warning) => warning.kind === "accuracy_not_a_number")?.rows ?? 0).toBe(want.notANumber);
        }
      }
    }
    // The fixture really exercises the retried-unit path (not only the one-row-per-unit fast path).
    expect(retried).toBeGreaterThan(20);
  });
});
