/**
 * Issue #10 item 3: repeated runs over the same bad learners must not grow the bookkeeping, and the
 * live-progress endpoint (polled every second) must cost the same at run 1 and at run 100. Cost is
 * measured as rows the statements' plans touch (EXPLAIN ANALYZE), never as time.
 */
import { describe, expect, it } from "vitest";
import type pg from "pg";
import { loadLiveRunState } from "@/app/api/runs/live/load-live-run-state";
import type { Queryable } from "@/lib/db/queryable";
import { runSync } from "../run-sync";
import { addLearners, addProgress, createLevel } from "@/test/support/sync/source-fixtures";
import { setUpSyncHarness } from "@/test/support/sync/sync-harness";

const h = setUpSyncHarness();

interface PlanNode {
  "Actual Rows": number;
  "Actual Loops": number;
  "Rows Removed by Filter"?: number;
  Plans?: PlanNode[];
}

function rowsTouched(node: PlanNode): number {
  const own = (node["Actual Rows"] + (node["Rows Removed by Filter"] ?? 0)) * node["Actual Loops"];
  return own + (node.Plans ?? []).reduce((sum, child) => sum + rowsTouched(child), 0);
}

/** A Queryable that runs each statement under EXPLAIN ANALYZE and adds up the rows its plan touched. */
function measuringDb(pool: pg.Pool): { db: Queryable; touched: () => number } {
  let total = 0;
  const db: Queryable = {
    async query(text: string, values?: unknown[]) {
      const explained = await pool.query(`explain (analyze, format json) ${text}`, values);
      const plan = (explained.rows[0] as { "QUERY PLAN": { Plan: PlanNode }[] })["QUERY PLAN"][0]!.Plan;
      total += rowsTouched(plan);
      return pool.query(text, values);
    },
  };
  return { db, touched: () => total };
}

async function liveEndpointCost(pool: pg.Pool): Promise<number> {
  const measured = measuringDb(pool);
  const state = await loadLiveRunState(measured.db);
  expect(state.run).not.toBeNull();
  return measured.touched();
}

async function bookkeepingRows(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query(
    `select (select count(*) from crm_sync.run_errors) + (select count(*) from crm_sync.preview_batches)
       + (select count(*) from crm_sync.learner_issues) as n`,
  );
  return Number(rows[0]!.n);
}

/** 1,000 learners the sync can never send (no email, an invalid one, the loser of a duplicate) and 10 good ones. */
async function seedBadLearners(pool: pg.Pool): Promise<void> {
  await createLevel(pool, "a1");
  const emails: (string | null)[] = [
    ...Array.from({ length: 500 }, () => null),
    ...Array.from({ length: 300 }, (_, index) => `not-an-email-${index}`),
    ...Array.from(
      { length: 200 },
      (_, index) => `${index % 2 === 0 ? "twin" : "TWIN"}${Math.floor(index / 2)}@example.com`,
    ),
    ...Array.from({ length: 10 }, (_, index) => `good${index}@example.com`),
  ];
  const ids = await addLearners(
    pool,
    emails.map((email) => ({ email })),
  );
  await addProgress(
    pool,
    "a1",
    ids.map((userId, index) => ({
      userId,
      unitId: 1,
      updatedAt: `2026-01-${String((index % 27) + 1).padStart(2, "0")}T00:00:00Z`,
    })),
  );
}

describe("100 runs over 1,000 bad learners", () => {
  it("leave a bounded table, and the live endpoint costs the same early and at run 100", async () => {
    await seedBadLearners(h.db.pool);
    const first = await runSync(h.options());
    expect(first.summary).toMatchObject({ learners: 1010, invalid: 900 });
    // Run 1 records each learner's issue once (the endpoint pages its failures); from run 2 on the
    // latest run records nothing new, so runs 2 and 100 differ only by the history behind them.
    await runSync(h.options());
    const costAtRun2 = await liveEndpointCost(h.db.pool);
    let rowsAtRun30 = 0;
    for (let run = 3; run <= 100; run += 1) {
      // Every fourth run is a preview: previews used to add their issues again too. By run 30 more
      // previews ran than are kept, so the table has reached its steady size.
      if (run % 4 === 0) await runSync(h.options({ mode: "dry_run" }));
      else await runSync(h.options());
      if (run === 30) rowsAtRun30 = await bookkeepingRows(h.db.pool);
    }
    await runSync(h.options());
    const rowsAtRun300 = await bookkeepingRows(h.db.pool);
    expect(rowsAtRun300).toBeLessThanOrEqual(rowsAtRun30);
    // One recorded event per learner issue, plus the few previews that are kept whole.
    expect(rowsAtRun300).toBeLessThanOrEqual(900 * 7);
    const { rows } = await h.db.pool.query(
      "select kind, count(*)::int as n from crm_sync.learner_issues group by kind order by kind",
    );
    expect(rows).toEqual([
      { kind: "duplicate_email", n: 100 },
      { kind: "invalid_email", n: 300 },
      { kind: "missing_email", n: 500 },
    ]);
    expect(await liveEndpointCost(h.db.pool)).toBeLessThanOrEqual(costAtRun2);
  }, 300_000);
});
