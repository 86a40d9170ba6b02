/**
 * The KPI summaries that triggers keep over crm_sync.learner_facts (migration
 * 20261207010000_kpi_summary.sql, read by build-facts-kpi-sql.ts):
 * - after every kind of facts write (the sync's own statement, inserts, updates that move a row to
 *   another level, upserts, deletes, truncate, a rolled-back write) and under concurrent writers,
 *   every summary equals a recomputation from the facts;
 * - through the sync: incremental and `--full` runs, a level disabled and enabled again, learners
 *   who leave the view (soft-deleted, banned, hard-deleted) before any run drops their facts: the
 *   summaries still equal the facts, and the dashboard KPIs read from them equal the reference
 *   queries over the raw tables, whichever way the read finds the leavers;
 * - "active in the last 7/30 days" and the weekly chart stay right as the clock moves on without
 *   any write.
 */
import { describe, expect, it } from "vitest";
import { createPrng, type Prng } from "@/sandbox/seed/create-prng";
import type { LearnerMetrics } from "@/lib/db/aggregate/aggregate-batch";
import { writeLearnerFacts } from "@/lib/db/facts/write-learner-facts";
import { isActiveInWeekSql } from "@/lib/db/facts/activity-weeks";
import { kpiSource } from "@/lib/db/kpis/compute-kpis";
import { computeKpis } from "@/lib/db/kpis";
import type { Database, Queryable } from "@/lib/db/queryable";
import { runSync } from "@/lib/sync";
import { updateLevelSetting } from "@/lib/settings/update-level-setting";
import { referenceKpis } from "@/test/support/kpis/reference-kpis";
import { addLearners, addProgress, createLevel } from "@/test/support/sync/source-fixtures";
import { insertProgressRows, randomProgressRow } from "@/test/support/sync/random-progress";
import { setUpSyncHarness } from "@/test/support/sync/sync-harness";

const h = setUpSyncHarness();
const DAY = 86_400_000;
const LEVELS = ["a1", "a2", "b1", "c1"] as const;

/** Every summary row that differs from a recomputation over crm_sync.learner_facts (empty = equal). */
async function summaryMismatches(db: Queryable): Promise<unknown[]> {
  const { rows } = await db.query(`
    with status_expected as (
      select level, has_completion_milestone as cm, progress_rows > 0 as hp, units_completed as units, count(*) as n,
             coalesce(sum(accuracy), 0) as acc, count(accuracy) as acc_n, sum(study_seconds) as secs
      from crm_sync.learner_facts group by 1, 2, 3, 4
    ), status_kept as (
      select level, has_completion_milestone as cm, has_progress as hp, units_completed as units, learners as n,
             accuracy_sum as acc, accuracy_count as acc_n, study_seconds as secs
      from crm_sync.kpi_level_status where learners <> 0 or accuracy_sum <> 0 or accuracy_count <> 0 or study_seconds <> 0
    ), days_expected as (
      select level, (last_activity_at at time zone 'UTC')::date as day, count(*) as n
      from crm_sync.learner_facts where last_activity_at is not null group by 1, 2
    ), days_kept as (
      select level, day, learners as n from crm_sync.kpi_level_activity_days where learners <> 0
    ), candidate_weeks as (
      select distinct (weeks_anchor - 7 * k) as week from crm_sync.learner_facts cross join generate_series(0, 70) as k
    ), weeks_expected as (
      -- The read-side definition of "active in week W" (lib/db/facts/activity-weeks.ts), not the expansion.
      select f.level, w.week, count(*) as n from crm_sync.learner_facts f cross join candidate_weeks w
      where ${isActiveInWeekSql("f.weeks_anchor", "f.weeks_mask", "(w.week::timestamp at time zone 'UTC')")}
      group by 1, 2
    ), weeks_kept as (
      select level, week, learners as n from crm_sync.kpi_level_weeks where learners <> 0
    ), sets_of_learners as (
      select user_id, array_agg(level order by level collate "C") as levels from crm_sync.learner_facts group by user_id
    ), sets_expected as (
      select levels, count(*) as n from sets_of_learners group by levels
    ), sets_kept as (
      select levels, learners as n from crm_sync.kpi_level_sets where learners <> 0
    )
    select 'status' as summary, row_to_json(e)::text as expected, row_to_json(k)::text as kept
    from status_expected e full join status_kept k using (level, cm, hp, units)
    where e.n is distinct from k.n or e.acc is distinct from k.acc or e.acc_n is distinct from k.acc_n or e.secs is distinct from k.secs
    union all
    select 'days', row_to_json(e)::text, row_to_json(k)::text
    from days_expected e full join days_kept k using (level, day) where e.n is distinct from k.n
    union all
    select 'weeks', row_to_json(e)::text, row_to_json(k)::text
    from weeks_expected e full join weeks_kept k using (level, week) where e.n is distinct from k.n
    union all
    select 'learner levels', row_to_json(e)::text, row_to_json(k)::text
    from sets_of_learners e full join crm_sync.learner_fact_levels k using (user_id) where e.levels is distinct from k.levels
    union all
    select 'level sets', row_to_json(e)::text, row_to_json(k)::text
    from sets_expected e full join sets_kept k using (levels) where e.n is distinct from k.n`);
  return rows;
}

async function factsCount(db: Queryable): Promise<number> {
  const { rows } = await db.query("select count(*)::int as n from crm_sync.learner_facts");
  return (rows[0] as { n: number }).n;
}

const monday = (weeksBack: number) => {
  const now = new Date();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(today - ((now.getUTCDay() + 6) % 7) * DAY - weeksBack * 7 * DAY);
};

/** Random metrics for some learners in some levels, as the aggregation returns them. */
function randomMetrics(prng: Prng, userIds: readonly string[], levels: readonly string[]): Map<string, LearnerMetrics> {
  const metrics = new Map<string, LearnerMetrics>();
  for (const userId of userIds) {
    const learner: LearnerMetrics = { levels: new Map(), warnings: [], facts: new Map() };
    for (const level of levels.filter(() => prng.chance(0.6))) {
      const progressRows = prng.int(0, 6);
      const unitsCompleted = progressRows === 0 ? 0 : prng.int(0, progressRows);
      learner.levels.set(level, {
        unitsCompleted,
        accuracy: unitsCompleted > 0 && prng.chance(0.8) ? String(prng.int(0, 1000) / 10) : null,
        status: "in_progress",
        studySeconds: prng.pick([0, 300, 1250, 12.5, 86_399]),
        lastActivityAt: prng.chance(0.1) ? null : new Date(Date.now() - prng.int(-2, 400) * DAY + prng.int(0, DAY)),
        progressRows,
        milestoneRows: prng.int(0, 2),
      });
      const mask = BigInt(prng.int(0, 2 ** 30)) * BigInt(prng.int(0, 2 ** 30)) + BigInt(prng.int(0, 3)) * 2n ** 60n;
      learner.facts!.set(level, {
        hasCompletionMilestone: prng.chance(0.3),
        activityWeeks: (mask & (2n ** 62n - 1n)).toString(),
        weeksAnchor: monday(prng.pick([0, 0, 0, 1, 5])),
      });
    }
    metrics.set(userId, learner);
  }
  return metrics;
}

const randomRowSql = `select $1::text as level, u as user_id, p as progress_rows, (random() * 2)::int as milestone_rows,
         (random() * p)::int as units_completed, case when random() < 0.7 then round((random() * 100)::numeric, 1) end as accuracy,
         round((random() * 5000)::numeric, (random() * 2)::int) as study_seconds, random() < 0.3 as has_completion_milestone,
         case when random() < 0.9 then now() - random() * interval '300 days' end as last_activity_at,
         date_trunc('week', now(), 'UTC')::date - 7 * (random() * 3)::int as weeks_anchor,
         (random() * 4611686018427387903)::bigint as weeks_mask
  from unnest($2::uuid[]) as u, lateral (select (random() * 6)::int as p) as r`;

/** One random write of crm_sync.learner_facts, of any kind the app or an operator might make. */
async function randomWrite(db: Queryable, prng: Prng, users: readonly string[]): Promise<string> {
  const some = () => users.filter(() => prng.chance(0.3));
  const level = prng.pick(LEVELS);
  const kind = prng.weighted({ sync: 4, insert: 2, update: 3, move: 1, upsert: 2, delete: 2 });
  if (kind === "sync") {
    const levels = LEVELS.filter(() => prng.chance(0.7));
    const userIds = some();
    await writeLearnerFacts(db, { levels, userIds, metrics: randomMetrics(prng, userIds, levels) });
  } else if (kind === "insert") {
    await db.query(`insert into crm_sync.learner_facts ${randomRowSql} on conflict do nothing`, [level, some()]);
  } else if (kind === "update") {
    await db.query(
      `update crm_sync.learner_facts set accuracy = case when random() < 0.5 then round((random() * 100)::numeric, 1) end,
         units_completed = (random() * progress_rows)::int, has_completion_milestone = random() < 0.5,
         study_seconds = study_seconds + 7.5, last_activity_at = last_activity_at - interval '1 day',
         weeks_mask = weeks_mask >> 1, weeks_anchor = weeks_anchor + case when random() < 0.3 then 7 else 0 end
       where user_id = any($1::uuid[]) and (level = $2 or random() < 0.3)`,
      [some(), level],
    );
  } else if (kind === "move") {
    // An update that changes the key: the row leaves one level for another.
    const target = prng.pick(LEVELS.filter((candidate) => candidate !== level));
    await db.query(
      `update crm_sync.learner_facts f set level = $3 where f.level = $2 and f.user_id = any($1::uuid[])
       and not exists (select 1 from crm_sync.learner_facts o where o.level = $3 and o.user_id = f.user_id)`,
      [some(), level, target],
    );
  } else if (kind === "upsert") {
    await db.query(
      `insert into crm_sync.learner_facts ${randomRowSql}
       on conflict (level, user_id) do update set units_completed = excluded.units_completed, accuracy = excluded.accuracy,
         progress_rows = excluded.progress_rows, last_activity_at = excluded.last_activity_at, weeks_mask = excluded.weeks_mask`,
      [level, some()],
    );
  } else {
    await db.query(
      "delete from crm_sync.learner_facts where user_id = any($1::uuid[]) and (level = $2 or random() < 0.2)",
      [some(), level],
    );
  }
  return kind;
}

/** Retries a write that lost a race on facts rows (a deadlock victim, or a key taken meanwhile). */
async function withDeadlockRetry(write: () => Promise<unknown>): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await write();
      return;
    } catch (error) {
      // 40P01 deadlock; 23505: a concurrent insert took the key a "move" checked was free.
      const code = (error as { code?: string }).code;
      if ((code !== "40P01" && code !== "23505") || attempt > 20) throw error;
    }
  }
}

describe("KPI summaries over learner_facts", () => {
  it("equal a recomputation from the facts after every kind of write, a truncate and a rolled-back write", async () => {
    const prng = createPrng(20261207);
    const users = Array.from({ length: 40 }, () => prng.uuid());
    const kinds = new Set<string>();
    for (let step = 0; step < 60; step += 1) {
      kinds.add(await randomWrite(h.db.pool, prng, users));
      expect(await summaryMismatches(h.db.pool), `after step ${step}`).toEqual([]);
      if (step === 30) {
        await h.db.pool.query("truncate crm_sync.learner_facts");
        expect(await summaryMismatches(h.db.pool)).toEqual([]);
        expect((await h.db.pool.query("select count(*)::int as n from crm_sync.learner_fact_levels")).rows[0]).toEqual({
          n: 0,
        });
      }
    }
    expect([...kinds].sort()).toEqual(["delete", "insert", "move", "sync", "update", "upsert"]);
    expect(await factsCount(h.db.pool)).toBeGreaterThan(20);

    const before = await h.db.pool.query("select * from crm_sync.kpi_level_status order by 1, 2, 3, 4");
    const client = await h.db.pool.connect();
    try {
      await client.query("begin");
      await client.query("delete from crm_sync.learner_facts where level = 'a1'");
      await client.query("rollback");
    } finally {
      client.release();
    }
    expect((await h.db.pool.query("select * from crm_sync.kpi_level_status order by 1, 2, 3, 4")).rows).toEqual(
      before.rows,
    );
    expect(await summaryMismatches(h.db.pool)).toEqual([]);
  });

  it("stay equal to the facts with concurrent writers on the same learners", async () => {
    const prng = createPrng(7);
    // Few learners, many levels each: writers keep adding and removing levels of the same learners.
    const users = Array.from({ length: 8 }, () => prng.uuid());
    const pool = h.db.createPool({ max: 5 });
    try {
      await Promise.all(
        Array.from({ length: 5 }, async (_, worker) => {
          const own = createPrng(100 + worker);
          for (let step = 0; step < 15; step += 1) await withDeadlockRetry(() => randomWrite(pool, own, users));
        }),
      );
    } finally {
      await pool.end();
    }
    expect(await factsCount(h.db.pool)).toBeGreaterThan(5);
    expect(await summaryMismatches(h.db.pool)).toEqual([]);
  });
});

// --- Through the sync ------------------------------------------------------------------------------

/** The summaries equal the facts, the KPIs come from them, and they equal the reference queries. */
async function expectKpisFromFactsEqualReference(db: Database, now: Date, label: string): Promise<void> {
  expect(await summaryMismatches(db), label).toEqual([]);
  expect(await kpiSource(db), label).toBe("facts");
  const { generatedAt, ...report } = await computeKpis(db, { now });
  expect(generatedAt).toBe(now.toISOString());
  expect(report, label).toEqual(await referenceKpis(db, now));
}

describe("KPIs read from the summaries", () => {
  it("equal the reference through incremental and full runs, a level disabled and enabled, and leavers", async () => {
    const prng = createPrng(42);
    const now = Date.now();
    for (const level of ["a1", "b1"]) await createLevel(h.db.pool, level);
    await h.db.pool.query("insert into crm_sync.level_settings (level, enabled, unit_total) values ('a1', true, 6)");
    const ids = await addLearners(
      h.db.pool,
      Array.from({ length: 40 }, (_, index) => ({ email: `learner${index}@example.com` })),
    );
    for (const level of ["a1", "b1"])
      await insertProgressRows(
        h.db.pool,
        level,
        ids
          .filter(() => prng.chance(0.7))
          .flatMap((id) => Array.from({ length: prng.int(1, 5) }, () => randomProgressRow(prng, id, now))),
      );
    await h.db.pool.query(
      "insert into public.a1_milestones (user_id, milestone, achieved_at) select unnest($1::uuid[]), 'level_completed', now() - interval '3 days'",
      [ids.slice(0, 5)],
    );
    const kpiNow = new Date(now);

    expect((await runSync(h.options())).status).toBe("succeeded");
    await expectKpisFromFactsEqualReference(h.db.pool, kpiNow, "first run");

    for (let round = 0; round < 2; round += 1) {
      await insertProgressRows(
        h.db.pool,
        prng.pick(["a1", "b1"]),
        ids.filter(() => prng.chance(0.1)).map((id) => randomProgressRow(prng, id, now)),
      );
      await h.db.pool.query(
        "update public.b1_progress set accuracy = 100 - coalesce(accuracy, 50) where user_id = any($1::uuid[])",
        [ids.filter(() => prng.chance(0.2))],
      );
      await h.db.pool.query("delete from public.a1_progress where user_id = any($1::uuid[])", [
        ids.filter(() => prng.chance(0.05)),
      ]);
      expect((await runSync(h.options())).status).toBe("succeeded");
      await expectKpisFromFactsEqualReference(h.db.pool, kpiNow, `incremental run ${round}`);
    }
    expect((await runSync(h.options({ full: true }))).status).toBe("succeeded");
    await expectKpisFromFactsEqualReference(h.db.pool, kpiNow, "--full run");

    // Disabled: b1's facts go (and with them its part of every summary); a1 is still read from them.
    await updateLevelSetting(h.db.pool, { label: "test" }, { level: "b1", enabled: false });
    await expectKpisFromFactsEqualReference(h.db.pool, kpiNow, "b1 disabled");
    // Enabled again: b1 has no facts yet, so the KPIs come from the raw tables until a full pass.
    await updateLevelSetting(h.db.pool, { label: "test" }, { level: "b1", enabled: true });
    expect(await kpiSource(h.db.pool)).toBe("raw");
    expect((await runSync(h.options())).status).toBe("succeeded");
    await expectKpisFromFactsEqualReference(h.db.pool, kpiNow, "b1 enabled again");

    // Learners leave the view; no run has dropped their facts yet.
    const withFacts = await h.db.pool.query(
      "select distinct user_id::text as id from crm_sync.learner_facts order by 1 limit 5",
    );
    const [softDeleted, banned, hardDeleted, madeStaff, deletedUnseen] = withFacts.rows.map(
      (row: { id: string }) => row.id,
    );
    await h.db.pool.query("update auth.users set deleted_at = now() where id = $1", [softDeleted]);
    await h.db.pool.query("update auth.users set banned_until = now() + interval '10 days' where id = $1", [banned]);
    await h.db.pool.query("delete from auth.users where id = $1", [hardDeleted]);
    // Staff who study stay learners (their facts count): the read must not drop them.
    await h.db.pool.query(
      "insert into crm_sync.staff (user_id, email, role) values ($1, 'staff@school.test', 'viewer')",
      [madeStaff],
    );
    const leftFacts = await h.db.pool.query(
      "select count(*)::int as n from crm_sync.learner_facts where user_id = any($1::uuid[])",
      [[softDeleted, banned, hardDeleted]],
    );
    expect(leftFacts.rows[0].n).toBeGreaterThan(0);
    await expectKpisFromFactsEqualReference(h.db.pool, kpiNow, "leavers, found through the change queue");
    // A learner capture trigger switched off: a deletion goes unqueued, so the read checks everyone.
    await h.db.pool.query("alter table auth.users disable trigger crm_sync_capture_learner_del");
    await h.db.pool.query("delete from auth.users where id = $1", [deletedUnseen]);
    await expectKpisFromFactsEqualReference(h.db.pool, kpiNow, "leaver deleted while capture was off");
    await h.db.pool.query("alter table auth.users enable trigger crm_sync_capture_learner_del");
    // Without learner capture covering the last full pass, every learner with facts is checked.
    await h.db.pool.query("update crm_sync.learner_capture set installed_at = now(), updated_at = now()");
    await expectKpisFromFactsEqualReference(h.db.pool, kpiNow, "leavers, found by comparing every learner");
    await h.db.pool.query("update crm_sync.learner_capture set mode = 'compare'");
    await expectKpisFromFactsEqualReference(h.db.pool, kpiNow, "leavers, learner capture off");

    expect((await runSync(h.options({ full: true }))).status).toBe("succeeded");
    const gone = await h.db.pool.query(
      "select count(*)::int as n from crm_sync.learner_facts where user_id = any($1::uuid[])",
      [[softDeleted, banned, hardDeleted, deletedUnseen]],
    );
    expect(gone.rows[0].n).toBe(0);
    await expectKpisFromFactsEqualReference(h.db.pool, kpiNow, "after the run that dropped the leavers");
  });

  it("drop a staff account's facts once its last progress row is gone, on a changed run and on a full pass", async () => {
    await createLevel(h.db.pool, "a1");
    const ids = await addLearners(
      h.db.pool,
      ["learner@example.com", "coach1@school.test", "coach2@school.test"].map((email) => ({ email })),
    );
    await addProgress(
      h.db.pool,
      "a1",
      ids.map((userId) => ({ userId, unitId: 1, accuracy: 80 })),
    );
    const [, changedCoach, fullCoach] = ids;
    await h.db.pool.query(
      "insert into crm_sync.staff (user_id, email, role) select id, 'staff-' || id || '@school.test', 'viewer' from unnest($1::uuid[]) as id",
      [[changedCoach, fullCoach]],
    );
    expect((await runSync(h.options())).status).toBe("succeeded");
    const kpiNow = new Date();
    // Staff without progress are no learners (the sync's count leaves them out, the reference's does not).
    const expectLevelsFromFactsEqualReference = async (label: string) => {
      expect(await summaryMismatches(h.db.pool), label).toEqual([]);
      expect(await kpiSource(h.db.pool), label).toBe("facts");
      const { generatedAt: _generatedAt, totals, ...report } = await computeKpis(h.db.pool, { now: kpiNow });
      const { totals: referenceTotals, ...reference } = await referenceKpis(h.db.pool, kpiNow);
      expect(report, label).toEqual(reference);
      expect(totals.activeLearners, label).toBe(referenceTotals.activeLearners);
    };
    await expectLevelsFromFactsEqualReference("staff who study");

    for (const [coach, isFull] of [
      [changedCoach, false],
      [fullCoach, true],
    ] as const) {
      await h.db.pool.query("delete from public.a1_progress where user_id = $1", [coach]);
      expect((await runSync(h.options({ full: isFull }))).status).toBe("succeeded");
      const facts = await h.db.pool.query("select count(*)::int as n from crm_sync.learner_facts where user_id = $1", [
        coach,
      ]);
      expect(facts.rows[0].n, isFull ? "full pass" : "changed run").toBe(0);
      await expectLevelsFromFactsEqualReference(isFull ? "full pass" : "changed run");
    }
  });

  it("keep the 7/30-day actives and the weekly chart right as the clock moves on, with no write", async () => {
    const prng = createPrng(11);
    const start = Math.floor(Date.now() / 1000) * 1000;
    await createLevel(h.db.pool, "a1");
    const [exactly7, exactly30, ...ids] = (await addLearners(
      h.db.pool,
      Array.from({ length: 62 }, (_, index) => ({ email: `clock${index}@example.com` })),
    )) as [string, string, ...string[]];
    // Activity every few hours over the last 80 days, so every boundary day has rows on both sides.
    const rows = ids.flatMap((id, index) =>
      Array.from({ length: 3 }, (_, k) => [
        id,
        k + 1,
        true,
        prng.int(50, 100),
        600,
        new Date(start - ((index * 3 + k) * 80 * DAY) / 180 - prng.int(0, 3_600_000)).toISOString(),
      ]),
    );
    // One exactly 7 days and one exactly 30 days before a moved clock below (">=" counts them).
    rows.push([exactly7, 9, true, 70, 60, new Date(start - 2 * DAY).toISOString()]);
    rows.push([exactly30, 9, true, 70, 60, new Date(start - 20 * DAY).toISOString()]);
    await insertProgressRows(h.db.pool, "a1", rows);
    expect((await runSync(h.options())).status).toBe("succeeded");
    const summary = await h.db.pool.query("select * from crm_sync.kpi_level_activity_days order by 1, 2");

    const moves = [
      0,
      3_600_000,
      0.5 * DAY,
      DAY,
      2.5 * DAY,
      5 * DAY,
      7 * DAY,
      10 * DAY,
      10 * DAY + 1,
      23 * DAY,
      31 * DAY,
    ];
    const seen = new Set<string>();
    for (const move of [...moves, 5 * DAY, 10 * DAY]) {
      const now = new Date(start + move);
      await expectKpisFromFactsEqualReference(h.db.pool, now, `clock +${move / DAY} days`);
      const { levels } = await computeKpis(h.db.pool, { now });
      seen.add(`${levels[0]?.active7d}/${levels[0]?.active30d}`);
    }
    // The clock really moved the figures (else the test would prove nothing).
    expect(seen.size).toBeGreaterThan(5);
    expect((await h.db.pool.query("select * from crm_sync.kpi_level_activity_days order by 1, 2")).rows).toEqual(
      summary.rows,
    );
  });
});
