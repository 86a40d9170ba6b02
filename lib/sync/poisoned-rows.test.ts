/**
 * Issue #10, item 1: one learner's unreadable row (a timestamp JavaScript or HubSpot cannot hold,
 * NaN / Infinity in a numeric column, a study-time sum past the safe number range) never stops the
 * sync of anyone else. The value is left out with a data warning naming the learner, the level and
 * the column; the healthy learners sync, and later runs succeed too.
 */
import { describe, expect, it } from "vitest";
import { runSync } from "./run-sync";
import { addLearners, createLevel } from "@/test/support/sync/source-fixtures";
import { setUpSyncHarness, standInContacts } from "@/test/support/sync/sync-harness";

const h = setUpSyncHarness();

// Doubles so NaN and ±Infinity can be stored; timestamptz accepts infinity and years up to 294276.
const COLUMNS = `user_id uuid not null, unit_id integer not null, completed boolean not null default true,
  accuracy double precision, time_spent_seconds double precision, updated_at timestamptz not null`;
const HEALTHY = ["healthy1@example.com", "healthy2@example.com", "healthy3@example.com"];
const POISONED = "poisoned@example.com";

interface Poison {
  name: string;
  column: RegExp;
  /** Rows of the poisoned learner: [unit, accuracy, seconds, updated_at]. */
  progress?: [number, string, string, string][];
  milestoneAt?: string;
}

const OK_AT = "2026-01-10T12:00:00Z";
const POISONS: Poison[] = [
  ...["infinity", "-infinity", "200000-01-01", "275761-01-01"].flatMap((at): Poison[] => [
    { name: `progress updated_at ${at}`, column: /updated_at/, progress: [[1, "80", "60", at]] },
    { name: `milestone achieved_at ${at}`, column: /achieved_at/, progress: [[1, "80", "60", OK_AT]], milestoneAt: at },
  ]),
  { name: "accuracy NaN", column: /accuracy/, progress: [[1, "NaN", "60", OK_AT]] },
  { name: "accuracy Infinity", column: /accuracy/, progress: [[1, "Infinity", "60", OK_AT]] },
  { name: "time_spent_seconds NaN", column: /time_spent_seconds/, progress: [[1, "80", "NaN", OK_AT]] },
  { name: "time_spent_seconds Infinity", column: /time_spent_seconds/, progress: [[1, "80", "Infinity", OK_AT]] },
  {
    name: "time_spent_seconds 1e300 (one row past the safe range)",
    column: /time_spent_seconds/,
    progress: [[1, "80", "1e300", OK_AT]],
  },
  {
    name: "time_spent_seconds summing past 2^53",
    column: /time_spent_seconds/,
    progress: [
      [1, "80", "6e15", OK_AT],
      [2, "80", "6e15", OK_AT],
    ],
  },
];

async function seed(poison: Poison): Promise<string> {
  await createLevel(h.db.pool, "a1", { columns: COLUMNS });
  const ids = await addLearners(
    h.db.pool,
    [...HEALTHY, POISONED].map((email) => ({ email })),
  );
  const poisonedId = ids.at(-1)!;
  const rows: [string, number, string, string, string][] = ids.slice(0, -1).map((id) => [id, 1, "90", "600", OK_AT]);
  for (const [unit, accuracy, seconds, at] of poison.progress ?? [])
    rows.push([poisonedId, unit, accuracy, seconds, at]);
  await h.db.pool.query(
    `insert into public.a1_progress (user_id, unit_id, accuracy, time_spent_seconds, updated_at)
     select * from unnest($1::uuid[], $2::int[], $3::float8[], $4::float8[], $5::timestamptz[])`,
    [
      rows.map((row) => row[0]),
      rows.map((row) => row[1]),
      rows.map((row) => row[2]),
      rows.map((row) => row[3]),
      rows.map((row) => row[4]),
    ],
  );
  if (poison.milestoneAt) {
    await h.db.pool.query(
      "insert into public.a1_milestones (user_id, milestone, achieved_at) values ($1, 'unit_1', $2)",
      [poisonedId, poison.milestoneAt],
    );
  }
  return poisonedId;
}

describe("a poisoned row of one learner", () => {
  it.each(POISONS)("$name: warned about and left out, everyone else syncs, and so do later runs", async (poison) => {
    const poisonedId = await seed(poison);
    const dry = await runSync(h.options({ mode: "dry_run" }));
    expect(dry.status).toBe("succeeded");
    const sent = new Map(
      dry.document.batches.flatMap((batch) => batch.inputs).map((input) => [input.id, input.properties]),
    );
    for (const email of HEALTHY) {
      expect(sent.get(email)).toMatchObject({
        level_a1_accuracy: "90",
        level_a1_units_completed: "1",
        total_study_time: "10",
        last_activity_date_global: "2026-01-10",
      });
    }
    const warnings = dry.document.issues.filter((issue) => issue.userId === poisonedId);
    expect(warnings.length, JSON.stringify(dry.document.issues)).toBeGreaterThan(0);
    for (const warning of warnings) {
      expect(warning.kind).toBe("data_warning");
      expect(warning.message).toMatch(/Level A1\b/);
    }
    expect(warnings.map((warning) => warning.message).join(" ")).toMatch(poison.column);
    expect(dry.document.issues.filter((issue) => issue.userId !== poisonedId)).toEqual([]);
    // Whatever was sent for the poisoned learner holds only values HubSpot can read.
    const poisoned = sent.get(POISONED);
    if (poisoned) {
      expect(poisoned.last_activity_date_global).toMatch(/^(|\d{4}-\d{2}-\d{2})$/);
      expect(poisoned.total_study_time).toMatch(/^\d{1,16}$/);
      expect(poisoned.level_a1_accuracy).toMatch(/^(|\d{1,3}(\.\d)?)$/);
    }

    const live = await runSync(h.options());
    expect(live.status).toBe("succeeded");
    const contacts = standInContacts(h.standIn);
    for (const email of HEALTHY)
      expect(contacts.get(email)).toMatchObject({ level_a1_accuracy: "90", total_study_time: "10" });
    const again = await runSync(h.options());
    expect(again.status).toBe("succeeded");
  });

  it("a learner Postgres cannot aggregate at all is reported and skipped; the batch goes on", async () => {
    const poisonedId = await seed({ name: "healthy rows", column: /./, progress: [[1, "80", "60", OK_AT]] });
    // Stands in for data the SQL does not foresee: the aggregation statement fails whenever it covers this learner.
    const pool = h.db.pool;
    const failing = Object.assign(Object.create(pool) as typeof pool, {
      query: (text: string, values?: unknown[]) => {
        const ids = values?.[0];
        if (/union all|level_index/.test(text) && Array.isArray(ids) && ids.includes(poisonedId)) {
          return Promise.reject(Object.assign(new Error("value overflows numeric format"), { code: "22003" }));
        }
        return pool.query(text, values);
      },
      connect: () => pool.connect(),
    });
    const dry = await runSync(h.options({ mode: "dry_run", pool: failing }));
    expect(dry.status).toBe("succeeded");
    expect(dry.document.summary).toEqual({ learners: 4, toUpsert: 3, unchanged: 0, invalid: 1 });
    expect(dry.document.batches.flatMap((batch) => batch.inputs.map((input) => input.id)).sort()).toEqual(HEALTHY);
    expect(dry.document.issues).toEqual([
      {
        userId: poisonedId,
        email: POISONED,
        kind: "data_warning",
        message: expect.stringMatching(
          new RegExp(`^Not sent: the rows of learner ${poisonedId} could not be read \\(.*22003.*\\); fix those rows`),
        ),
      },
    ]);
  });
});
