/**
 * Issue #11 item 4: the dry run streams its plan to the database, and the document read back page
 * by page is exactly the one a dry run used to build in memory (batches byte for byte).
 */
import { describe, expect, it } from "vitest";
import { runSync } from "../run-sync";
import { addLearners, addProgress, createLevel, seedSimpleLearners } from "@/test/support/sync/source-fixtures";
import { setUpSyncHarness } from "@/test/support/sync/sync-harness";
import { readPreviewBatch, readPreviewIssues, readPreviewSummary } from "./read-preview";
import { PreviewNotStoredError, writeDryRunDocument } from "./write-dry-run-document";

const h = setUpSyncHarness();

async function streamed(runId: number): Promise<string> {
  const chunks: string[] = [];
  await writeDryRunDocument(h.db.pool, runId, async (chunk) => {
    chunks.push(chunk);
  });
  return chunks.join("");
}

describe("stored dry-run plan", () => {
  it("streams the same document the in-memory dry run builds, batches byte for byte", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 250, ["a1"]);
    const bad = await addLearners(h.db.pool, [{ email: null }, { email: "not-an-email" }]);
    await addProgress(
      h.db.pool,
      "a1",
      bad.map((userId) => ({ userId, unitId: 1 })),
    );
    const memory = await runSync(h.options({ mode: "dry_run", batchSize: 70 }));
    expect(memory.document.batches).toHaveLength(3);

    const text = await streamed(memory.runId);
    expect(JSON.parse(text)).toEqual(memory.document);
    for (const [index, batch] of memory.document.batches.entries()) {
      expect(await readPreviewBatch(h.db.pool, memory.runId, index + 1)).toBe(JSON.stringify(batch));
    }
    const issues = await readPreviewIssues(h.db.pool, memory.runId, { page: 1, pageSize: 1 });
    expect(issues).toMatchObject({ total: 2, items: [memory.document.issues[0]] });
  });

  it("stores what a re-run after a sync plans: the removed learners to clear (bodies and issues), the learners not re-read", async () => {
    await createLevel(h.db.pool, "a1");
    const ids = await seedSimpleLearners(h.db.pool, 5, ["a1"]);
    await runSync(h.options());
    await h.db.pool.query("update crm_sync.settings set removed_learners = 'clear'");
    await h.db.pool.query("delete from auth.users where id = any($1::uuid[])", [ids.slice(0, 2)]);
    const memory = await runSync(h.options({ mode: "dry_run" }));
    // Change capture: nothing changed for the 3 remaining learners, so none is re-read, all count as unchanged.
    expect(memory.document.summary).toEqual({ learners: 3, toUpsert: 0, unchanged: 3, invalid: 0 });
    expect(memory.document.issues.map((issue) => issue.kind)).toEqual(["removed_cleared", "removed_cleared"]);
    expect(memory.document.batches).toEqual([{ operation: "update", inputs: expect.any(Array) }]);
    expect(JSON.parse(await streamed(memory.runId))).toEqual(memory.document);
  });

  it("keeps nothing in memory when asked, and still stores the whole plan", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 120, ["a1"]);
    const stored = await runSync(h.options({ mode: "dry_run", keepPlanInMemory: false }));
    expect(stored.document.batches).toEqual([]);
    expect(await readPreviewSummary(h.db.pool, stored.runId)).toMatchObject({
      batchCount: 2,
      summary: { learners: 120, toUpsert: 120 },
    });
    expect(
      JSON.parse(await streamed(stored.runId)).batches.flatMap((batch: { inputs: unknown[] }) => batch.inputs),
    ).toHaveLength(120);
    expect(stored.message).toContain("2 batch calls");
  });

  it("says so when a preview's plan was removed by retention", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 3, ["a1"]);
    const first = await runSync(h.options({ mode: "dry_run" }));
    for (let index = 0; index < 6; index += 1) await runSync(h.options({ mode: "dry_run" }));
    await expect(streamed(first.runId)).rejects.toThrow(PreviewNotStoredError);
    expect(await readPreviewSummary(h.db.pool, first.runId)).toMatchObject({ isStored: false });
  });
});
