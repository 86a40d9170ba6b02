/**
 * Change capture end to end: on random data, after random inserts, updates that leave updated_at
 * alone, deletes, back-dated rows and rows in a level the learner never had, an incremental run
 * (only the queued learners) leaves HubSpot exactly as a `--full` recomputation says, learner by
 * learner, and sends exactly the learners whose values changed. After every round the maintained
 * facts equal a recomputation, and the dashboard KPIs read from them equal the reference queries.
 */
import { describe, expect, it } from "vitest";
import { createPrng, type Prng } from "@/sandbox/seed/create-prng";
import { aggregateBatch } from "@/lib/db/aggregate/aggregate-batch";
import { computeKpis } from "@/lib/db/kpis";
import { areFactsTrusted } from "@/lib/db/kpis/read-facts-kpis";
import { registerAndPlanLevels, runSync } from "@/lib/sync";
import type { Queryable } from "@/lib/db/queryable";
import { referenceKpis } from "@/test/support/kpis/reference-kpis";
import { addLearners, createLevel } from "@/test/support/sync/source-fixtures";
import { insertProgressRows, randomProgressRow } from "@/test/support/sync/random-progress";
import { setUpSyncHarness, standInContacts } from "@/test/support/sync/sync-harness";

const h = setUpSyncHarness();
const LEVELS = ["a1", "b1"] as const;
const DAY = 86_400_000;

/** One round of every kind of change the capture must see, on a few random learners each. */
async function changeRandomly(db: Queryable, prng: Prng, ids: readonly string[], now: number): Promise<void> {
  const some = (count: number) => Array.from({ length: count }, () => prng.pick(ids));
  const level = () => prng.pick(LEVELS);
  await insertProgressRows(
    db,
    level(),
    some(3).map((id) => randomProgressRow(prng, id, now)),
  );
  // Back-dated: a row whose updated_at lies well before the last sync.
  await insertProgressRows(
    db,
    level(),
    some(2).map((id) => [...randomProgressRow(prng, id, now).slice(0, 5), new Date(now - 200 * DAY).toISOString()]),
  );
  // Values edited without touching updated_at.
  await db.query(
    `update public.${level()}_progress set accuracy = 100 - coalesce(accuracy, 50), time_spent_seconds = time_spent_seconds + 7 where user_id = any($1::uuid[])`,
    [some(3)],
  );
  await db.query(
    `delete from public.${level()}_progress where ctid in (select ctid from public.${level()}_progress where user_id = any($1::uuid[]) limit 3)`,
    [some(3)],
  );
  await db.query(
    `insert into public.${level()}_milestones (user_id, milestone, achieved_at) select unnest($1::uuid[]), 'level_completed', now() - interval '3 days'`,
    [some(1)],
  );
}

/** email → properties of a full recomputation (a `--full` dry run). */
async function fullRecomputation(): Promise<Map<string, Record<string, string>>> {
  const full = await runSync(h.options({ mode: "dry_run", full: true }));
  return new Map(
    full.document.batches.flatMap((batch) => batch.inputs.map((input) => [input.id ?? "", input.properties] as const)),
  );
}

/** Every (learner, level) fact row equals what aggregating the learner again gives. */
async function expectFactsEqualRecomputation(db: Queryable, ids: readonly string[]): Promise<void> {
  const plan = await registerAndPlanLevels(db);
  const metrics = await aggregateBatch(db, plan.aggregation, ids, plan.settings.completionMilestoneKey);
  const expected = [...metrics].flatMap(([userId, learner]) =>
    [...learner.levels].map(([level, value]) => ({
      key: `${level}/${userId}`,
      units: value.unitsCompleted,
      accuracy: value.accuracy === null ? null : Number(value.accuracy),
      seconds: value.studySeconds,
      rows: [value.progressRows, value.milestoneRows],
      last: value.lastActivityAt?.toISOString() ?? null,
      completion: learner.facts?.get(level)?.hasCompletionMilestone,
      weeks: learner.facts?.get(level)?.activityWeeks,
    })),
  );
  const { rows } = await db.query(
    `select level || '/' || user_id as key, units_completed as units, accuracy::float8 as accuracy, study_seconds::float8 as seconds,
            array[progress_rows, milestone_rows] as rows, last_activity_at as last, has_completion_milestone as completion, weeks_mask::text as weeks
     from crm_sync.learner_facts where user_id = any($1::uuid[])`,
    [ids],
  );
  const actual = rows.map((row) => ({ ...row, last: row.last ? (row.last as Date).toISOString() : null }));
  const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
  expect(actual.sort(byKey)).toEqual(expected.sort(byKey));
}

describe("change capture", () => {
  it("an incremental run equals a full recomputation, learner by learner, after every kind of change", async () => {
    const prng = createPrng(20261206);
    const now = Date.now();
    for (const level of LEVELS) await createLevel(h.db.pool, level);
    const ids = await addLearners(
      h.db.pool,
      Array.from({ length: 40 }, (_, index) => ({ email: `learner${index}@example.com` })),
    );
    for (const level of LEVELS)
      await insertProgressRows(
        h.db.pool,
        level,
        ids
          .filter(() => prng.chance(0.7))
          .flatMap((id) => Array.from({ length: prng.int(1, 5) }, () => randomProgressRow(prng, id, now))),
      );

    const first = await runSync(h.options());
    expect(first.status).toBe("succeeded");
    let before = await fullRecomputation();

    for (let round = 0; round < 3; round += 1) {
      await changeRandomly(h.db.pool, prng, ids, now);
      h.proxy.clear();
      const incremental = await runSync(h.options());
      const { rows } = await h.db.pool.query("select mode from crm_sync.run_selection where run_id = $1", [
        incremental.runId,
      ]);
      expect(rows[0]?.mode).toBe("changed");
      expect(incremental.learnersRead).toBeLessThan(ids.length);
      expect(incremental.summary.learners).toBe(ids.length);
      await expectFactsEqualRecomputation(h.db.pool, ids);

      const expected = await fullRecomputation();
      const contacts = standInContacts(h.standIn);
      // The stand-in keeps a cleared property ("") as absent.
      for (const [email, properties] of expected) {
        const held = contacts.get(email) ?? {};
        expect(Object.fromEntries(Object.keys(properties).map((key) => [key, held[key] ?? ""])), email).toEqual(
          properties,
        );
      }
      const sent = h.proxy
        .upsertBodies()
        .flatMap(
          (body) => (JSON.parse(body) as { inputs: { id: string; properties: Record<string, string> }[] }).inputs,
        );
      for (const input of sent) expect(input.properties).toMatchObject(expected.get(input.id) ?? {});
      const changed = [...expected]
        .filter(([email, properties]) => JSON.stringify(properties) !== JSON.stringify(before.get(email)))
        .map(([email]) => email);
      expect(sent.map((input) => input.id).sort()).toEqual(changed.sort());
      before = expected;
    }

    expect(await areFactsTrusted(h.db.pool, await registerAndPlanLevels(h.db.pool))).toBe(true);
    const kpiNow = new Date(now);
    const { generatedAt, ...fromFacts } = await computeKpis(h.db.pool, { now: kpiNow });
    expect(generatedAt).toBe(kpiNow.toISOString());
    expect(fromFacts).toEqual(await referenceKpis(h.db.pool, kpiNow));
  });

  it("keeps queue entries captured while a run is running for the next run", async () => {
    await createLevel(h.db.pool, "a1");
    const ids = await addLearners(h.db.pool, [{ email: "one@example.com" }, { email: "two@example.com" }]);
    await insertProgressRows(
      h.db.pool,
      "a1",
      ids.map((id) => [id, 1, true, 80, 60, "2026-01-01T00:00:00Z"]),
    );
    await runSync(h.options());
    await h.db.pool.query("update public.a1_progress set accuracy = 90 where user_id = $1", [ids[0]]);
    // A change committed while the run is running (after its claim): it must survive the drain.
    let during: Promise<unknown> | null = null;
    const second = await runSync(
      h.options({
        onProgress: (progress) =>
          void (
            progress.phase === "syncing" &&
            (during ??= h.db.pool.query("update public.a1_progress set accuracy = 70 where user_id = $1", [ids[1]]))
          ),
      }),
    );
    await during;
    expect(second.summary.upserted).toBeGreaterThanOrEqual(1);
    const { rows } = await h.db.pool.query("select user_id::text as user_id, claimed_by from crm_sync.change_queue");
    expect(rows).toEqual([{ user_id: ids[1], claimed_by: null }]);
    const third = await runSync(h.options());
    expect(third.learnersRead).toBe(1);
    const left = await h.db.pool.query("select count(*)::int as n from crm_sync.change_queue");
    expect(left.rows[0]?.n).toBe(0);
  });
});
