/**
 * Issue #5 bad input, part 3: learners without an email (NULL, empty, whitespace only). They used
 * to vanish in the crm_sync.learners view; now each one is reported as `missing_email` with its
 * user id, counted as not sendable (never as a failed send), never sent, and the learners around
 * it still sync.
 */
import { describe, expect, it } from "vitest";
import { getRun, getRunProgress } from "./runs/read-runs";
import { runSync } from "./run-sync";
import { GOOD, learnersWith } from "@/test/support/sync/bad-input-fixtures";
import { expectEveryLearnerSynced } from "@/test/support/sync/expect-synced";
import { addLearners, addProgress, createLevel, seedSimpleLearners } from "@/test/support/sync/source-fixtures";
import { setUpSyncHarness, standInContacts } from "@/test/support/sync/sync-harness";

const h = setUpSyncHarness();

const MISSING = [
  ["NULL email", null, "no email address (NULL)"],
  ["empty email", "", "an empty email address"],
  ["whitespace-only email", " \t ", "an email address of only whitespace"],
] as const;

const messageFor = (userId: string, missing: string) =>
  `Not sent: learner ${userId} has ${missing}; HubSpot contacts are matched by email, so add one to sync this learner.`;

async function runErrorsOf(runId: number) {
  const { rows } = await h.db.pool.query(
    "select user_id::text as user_id, email, kind, message from crm_sync.run_errors where run_id = $1 order by id",
    [runId],
  );
  return rows as { user_id: string; email: string | null; kind: string; message: string }[];
}

/** Every input id of every batch/upsert body that reached HubSpot. */
function sentIds(): string[] {
  return h.proxy
    .upsertBodies()
    .flatMap((body) => (JSON.parse(body) as { inputs: { id: string }[] }).inputs.map((input) => input.id));
}

describe("learners without an email", () => {
  it.each(MISSING)(
    "%s, live run: missing_email with the user id, not sendable (not failed), never sent; the good learner lands",
    async (_label, email, reason) => {
      const [goodId, missingId] = await learnersWith(h, [email]);
      const live = await runSync(h.options());
      expect(live).toMatchObject({
        status: "succeeded",
        summary: { learners: 2, upserted: 1, unchanged: 0, invalid: 1, failed: 0 },
      });
      expect(live.message).toMatch(/^2 learners: 1 upserted, 0 unchanged, 1 not sendable, 0 failed/);
      expect(await runErrorsOf(live.runId)).toEqual([
        { user_id: missingId, email: null, kind: "missing_email", message: messageFor(missingId!, reason) },
      ]);
      expect(sentIds()).toEqual([GOOD]);
      expect([...standInContacts(h.standIn).keys()]).toEqual([GOOD]);
      const { rows } = await h.db.pool.query("select user_id::text as user_id from crm_sync.contact_state");
      expect(rows).toEqual([{ user_id: goodId }]);
    },
  );

  it.each(MISSING)(
    "%s, dry run: in the document's issues with the user id, in no batch",
    async (_label, email, reason) => {
      const [, missingId] = await learnersWith(h, [email]);
      const dry = await runSync(h.options({ mode: "dry_run" }));
      expect(dry.document.summary).toEqual({ learners: 2, toUpsert: 1, unchanged: 0, invalid: 1 });
      expect(dry.document.issues).toEqual([
        { userId: missingId, email: "", kind: "missing_email", message: messageFor(missingId!, reason) },
      ]);
      expect(dry.document.batches.flatMap((batch) => batch.inputs.map((input) => input.id))).toEqual([GOOD]);
      expect(sentIds()).toEqual([]);
    },
  );

  it("spread over several batches: counts add up, deleted and banned users stay out, a fixed email syncs on the next run", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 12, ["a1"]);
    const missing = await addLearners(h.db.pool, [
      { email: null },
      { email: null },
      { email: null },
      { email: "" },
      { email: "   " },
    ]);
    await addProgress(
      h.db.pool,
      "a1",
      missing.map((userId) => ({ userId, unitId: 1, accuracy: 90 })),
    );
    // Still not learners at all: no count, no report.
    await h.db.pool.query(
      `insert into auth.users (id, email, deleted_at, banned_until) values
         (gen_random_uuid(), null, now(), null), (gen_random_uuid(), ' ', null, now() + interval '1 day')`,
    );

    const first = await runSync(h.options({ batchSize: 4 }));
    expect(first).toMatchObject({
      status: "succeeded",
      summary: { learners: 17, upserted: 12, unchanged: 0, invalid: 5, failed: 0 },
    });
    const progress = (await getRunProgress(h.db.pool, first.runId))!;
    expect(progress).toMatchObject({ processed: 17, total: 17, percent: 100 });
    expect(progress.upserted + progress.unchanged + progress.invalid + progress.failed).toBe(progress.processed);
    const detail = (await getRun(h.db.pool, first.runId))!;
    expect(detail.errorCounts).toEqual({ missing_email: 5 });
    expect(detail.errors.items.map((item) => item.userId).sort()).toEqual([...missing].sort());
    expect(sentIds()).toHaveLength(12);
    expect(sentIds().every((id) => id.includes("@"))).toBe(true);

    // Reported again on every run until fixed; the others are unchanged.
    const second = await runSync(h.options({ batchSize: 4 }));
    expect(second.summary).toMatchObject({ learners: 17, upserted: 0, unchanged: 12, invalid: 5, failed: 0 });

    await h.db.pool.query("update auth.users set email = 'found@example.com' where id = $1", [missing[0]]);
    const third = await runSync(h.options({ batchSize: 4 }));
    expect(third.summary).toMatchObject({ learners: 17, upserted: 1, unchanged: 12, invalid: 4, failed: 0 });
    expect(standInContacts(h.standIn).get("found@example.com")).toMatchObject({
      level_a1_units_completed: "1",
      level_a1_accuracy: "90",
    });
    await expectEveryLearnerSynced(h, 13);
  });
});
