/**
 * Issue #10 item 4: twenty viewers pressing "Preview payload" at once while a live sync runs. They
 * share ONE dry run (the others join it), nobody gets the whole plan back, memory stays flat, and
 * the live sync finishes.
 */
import { describe, expect, it } from "vitest";
import { runSync } from "../run-sync";
import { createLevel, seedSimpleLearners } from "@/test/support/sync/source-fixtures";
import { setUpSyncHarness } from "@/test/support/sync/sync-harness";
import { readPreviewBatch, readPreviewSummary } from "./read-preview";
import { startOrJoinPreview } from "./start-or-join-preview";

const h = setUpSyncHarness();

/** Samples this process's RSS while `work` runs; returns the peak in MB. */
async function peakRssDuring<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  try {
    const result = await work();
    return { result, peakMb: Math.max(peak, process.memoryUsage().rss) / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

describe("concurrent previews", () => {
  it("20 viewers share one dry run, get no batches back, keep RSS flat, and the live sync finishes", async () => {
    await createLevel(h.db.pool, "a1");
    await createLevel(h.db.pool, "a2");
    await seedSimpleLearners(h.db.pool, 2000, ["a1", "a2"]);
    const request = (index: number) => ({
      pool: h.db.pool,
      hubspot: h.client(),
      actor: { label: `viewer${index}@demo.test` },
      pollMs: 50,
    });

    const single = await peakRssDuring(() => startOrJoinPreview(request(0)));
    expect(single.result.joined).toBe(false);
    await h.db.pool.query("delete from crm_sync.runs where mode = 'dry_run'");

    const crowd = await peakRssDuring(() =>
      Promise.all([
        runSync(h.options()),
        Promise.all(Array.from({ length: 20 }, (_, index) => startOrJoinPreview(request(index + 1)))),
      ]),
    );
    const [live, previews] = crowd.result;
    expect(live).toMatchObject({ status: "succeeded", summary: { upserted: 2000 } });
    const { rows } = await h.db.pool.query("select id::int as id, status from crm_sync.runs where mode = 'dry_run'");
    expect(rows).toEqual([{ id: expect.any(Number), status: "succeeded" }]);
    expect(new Set(previews.map((preview) => preview.runId))).toEqual(new Set([rows[0]!.id]));
    expect(previews.filter((preview) => !preview.joined)).toHaveLength(1);
    // What a viewer gets back is an id; the plan is paged (batch N of M).
    expect(JSON.stringify(previews).length).toBeLessThan(2000);
    const summary = await readPreviewSummary(h.db.pool, rows[0]!.id);
    expect(summary).toMatchObject({ isStored: true, summary: { learners: 2000 } });
    expect(summary!.batchCount).toBeGreaterThan(0);
    expect(JSON.parse((await readPreviewBatch(h.db.pool, rows[0]!.id, summary!.batchCount))!)).toHaveProperty("inputs");
    // Twenty viewers plus a live sync cost little more than one viewer alone. The RSS of a shared
    // test worker also carries other tests' garbage and differs by Node major (205.99 vs a bound
    // of 205.79 MB was seen on Node 24), so the bound here only catches 20 plans held at once
    // (that would be several times one); the benchmark measures the real memory figures.
    expect(crowd.peakMb).toBeLessThanOrEqual(single.peakMb * 1.6);
  });
});
