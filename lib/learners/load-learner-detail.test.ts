import { describe, expect, it } from "vitest";
import { runSync } from "@/lib/sync/run-sync";
import { addLearners, createLevel, seedSimpleLearners } from "@/test/support/sync/source-fixtures";
import { setUpSyncHarness } from "@/test/support/sync/sync-harness";
import { diffPayload } from "./diff-payload";
import { findLearners } from "./find-learners";
import { loadLearnerDetail } from "./load-learner-detail";

const h = setUpSyncHarness();
const nothingWithheld = {
  sourceSchema: "public",
  readWithheld: async () => ({ names: new Set<string>(), uncheckedReason: null }),
};

/** The properties a full dry run of the engine would send for this email. */
async function enginePayloadFor(email: string): Promise<Record<string, string> | undefined> {
  const dry = await runSync(h.options({ mode: "dry_run", full: true }));
  return dry.document.batches
    .flatMap((batch) => batch.inputs)
    .find((input) => "idProperty" in input && input.id === email)?.properties;
}

describe("loadLearnerDetail", () => {
  it("shows the metrics now, the last confirmed payload and exactly the engine's next payload as the difference", async () => {
    await createLevel(h.db.pool, "a1");
    await createLevel(h.db.pool, "b1");
    const [first, second] = await seedSimpleLearners(h.db.pool, 2, ["a1", "b1"]);
    await runSync(h.options());
    // After the sync: learner 1 completes a third unit in a1 with a better accuracy, a day later.
    await h.db.pool.query(
      "update public.a1_progress set completed = true, accuracy = 95, updated_at = '2026-02-01T00:00:00Z' where user_id = $1 and unit_id = 3",
      [first],
    );

    const detail = await loadLearnerDetail(h.db.pool, first!, nothingWithheld);
    expect(detail?.levels.map((level) => [level.level, level.unitsCompleted, level.accuracy, level.status])).toEqual([
      // Accuracy is the mean over completed units: (70 + 80 + 95) / 3 and (70 + 80) / 2.
      ["a1", 3, "81.7", "in_progress"],
      ["b1", 2, "75.0", "in_progress"],
    ]);
    expect(detail?.contact).toMatchObject({
      email: "learner1@example.com",
      hubspotId: expect.any(String),
      payload: expect.objectContaining({ level_a1_units_completed: "2" }),
    });
    expect(detail?.next).toMatchObject({ kind: "send", operation: "upsert" });
    const engine = await enginePayloadFor("learner1@example.com");
    expect(detail?.nextPayload).toEqual(engine);
    expect(detail?.differences).toEqual(diffPayload(detail!.contact!.payload, engine!));
    expect(detail?.differences).toEqual([
      { property: "level_a1_units_completed", lastSent: "2", next: "3" },
      { property: "level_a1_accuracy", lastSent: "75", next: "81.7" },
      { property: "current_active_level", lastSent: "b1", next: "a1" },
      { property: "last_activity_date_global", lastSent: "2026-01-04", next: "2026-02-01" },
    ]);

    const unchanged = await loadLearnerDetail(h.db.pool, second!, nothingWithheld);
    expect(unchanged).toMatchObject({ next: { kind: "unchanged" }, differences: [] });
    expect(unchanged?.nextPayload).toEqual(await enginePayloadFor("learner2@example.com"));
  });

  it("lists an email change first and sends it by the recorded contact id, as the engine does", async () => {
    await createLevel(h.db.pool, "a1");
    const [id] = await seedSimpleLearners(h.db.pool, 1, ["a1"]);
    await runSync(h.options());
    await h.db.pool.query("update auth.users set email = ' New@Example.com' where id = $1", [id]);
    const detail = await loadLearnerDetail(h.db.pool, id!, nothingWithheld);
    expect(detail?.next).toEqual({
      kind: "send",
      operation: "update",
      contactId: detail?.contact?.hubspotId,
      isResendRequested: false,
    });
    expect(detail?.differences).toEqual([
      { property: "email", lastSent: "learner1@example.com", next: "new@example.com" },
    ]);
  });

  it("leaves out properties the property plan withholds, as the sync does", async () => {
    await createLevel(h.db.pool, "a1");
    const [id] = await seedSimpleLearners(h.db.pool, 1, ["a1"]);
    const detail = await loadLearnerDetail(h.db.pool, id!, {
      sourceSchema: "public",
      readWithheld: async () => ({ names: new Set(["level_a1_accuracy"]), uncheckedReason: null }),
    });
    expect(detail?.nextPayload).not.toHaveProperty("level_a1_accuracy");
    expect(detail?.nextPayload).toMatchObject({ level_a1_units_completed: "2", learner_id: id });
    expect(detail?.next).toMatchObject({ kind: "send", operation: "upsert", contactId: null });
  });

  it("sends nothing for a learner the sync cannot send, and says why", async () => {
    await createLevel(h.db.pool, "a1");
    const [bad] = await addLearners(h.db.pool, [{ email: "not-an-email" }]);
    const detail = await loadLearnerDetail(h.db.pool, bad!, nothingWithheld);
    expect(detail).toMatchObject({
      nextPayload: null,
      differences: [],
      next: { kind: "not_sendable", issues: [{ kind: "invalid_email" }] },
    });
  });

  it("shows a learner who left the view as the removed_learners setting treats them", async () => {
    await createLevel(h.db.pool, "a1");
    const [id] = await seedSimpleLearners(h.db.pool, 1, ["a1"]);
    await runSync(h.options());
    await h.db.pool.query("update auth.users set deleted_at = now() where id = $1", [id]);
    const kept = await loadLearnerDetail(h.db.pool, id!, nothingWithheld);
    expect(kept).toMatchObject({
      learner: { isInView: false },
      next: { kind: "removed", policy: "keep" },
      nextPayload: null,
      differences: [],
    });
    await h.db.pool.query("update crm_sync.settings set removed_learners = 'clear'");
    try {
      const cleared = await loadLearnerDetail(h.db.pool, id!, nothingWithheld);
      expect(cleared?.next).toEqual({ kind: "removed", policy: "clear" });
      expect(Object.values(cleared?.nextPayload ?? {})).toEqual(Array(7).fill(""));
      expect(cleared?.differences).toContainEqual({ property: "level_a1_units_completed", lastSent: "2", next: "" });
    } finally {
      await h.db.pool.query("update crm_sync.settings set removed_learners = 'keep'");
    }
  });

  it("shows a staff account without progress as not synced, and as a learner once it has progress", async () => {
    await createLevel(h.db.pool, "a1");
    const [staff] = await seedSimpleLearners(h.db.pool, 1, ["a1"]);
    await runSync(h.options());
    await h.db.pool.query("delete from public.a1_progress where user_id = $1", [staff]);
    await h.db.pool.query(
      "insert into crm_sync.staff (user_id, email, role) values ($1, 'learner1@example.com', 'viewer')",
      [staff],
    );
    const kept = await loadLearnerDetail(h.db.pool, staff!, nothingWithheld);
    expect(kept).toMatchObject({
      learner: { isInView: true },
      next: { kind: "staff_without_progress", policy: "keep" },
      nextPayload: null,
      differences: [],
      levels: [{ level: "a1", status: "not_started", progressRows: 0 }],
    });
    // The engine agrees: a dry run neither sends nor counts it.
    expect((await runSync(h.options({ mode: "dry_run", full: true }))).document.summary.learners).toBe(0);
    await h.db.pool.query("update crm_sync.settings set removed_learners = 'clear'");
    try {
      const cleared = await loadLearnerDetail(h.db.pool, staff!, nothingWithheld);
      expect(cleared?.next).toEqual({ kind: "staff_without_progress", policy: "clear" });
      expect(cleared?.differences).toContainEqual({ property: "level_a1_units_completed", lastSent: "2", next: "" });
    } finally {
      await h.db.pool.query("update crm_sync.settings set removed_learners = 'keep'");
    }
    await h.db.pool.query("insert into public.a1_milestones (user_id, milestone) values ($1, 'level_started')", [
      staff,
    ]);
    expect((await loadLearnerDetail(h.db.pool, staff!, nothingWithheld))?.next).toMatchObject({ kind: "send" });
  });

  it("returns null for an id nobody has", async () => {
    expect(await loadLearnerDetail(h.db.pool, "00000000-0000-4000-8000-00000000dead", nothingWithheld)).toBeNull();
  });
});

describe("findLearners", () => {
  it("finds by id, by exact normalised email, and lists partial matches", async () => {
    const [ana, anabel] = await addLearners(h.db.pool, [
      { email: " Ana@Example.com " },
      { email: "anabel@example.com" },
      { email: "bob_1@example.com" },
    ]);
    expect(await findLearners(h.db.pool, { kind: "user_id", userId: ana! })).toMatchObject({
      items: [{ userId: ana, isInView: true }],
      exact: { userId: ana },
    });
    const exact = await findLearners(h.db.pool, { kind: "email", email: "ana@example.com" });
    expect(exact.exact?.userId).toBe(ana);
    const partial = await findLearners(h.db.pool, { kind: "email", email: "ana" });
    expect(partial).toMatchObject({ exact: null, hasMore: false });
    expect(partial.items.map((item) => item.userId)).toEqual([ana, anabel]);
    // "_" is a literal underscore, not a one-character wildcard.
    expect((await findLearners(h.db.pool, { kind: "email", email: "bo_" })).items).toHaveLength(0);
    expect(await findLearners(h.db.pool, { kind: "email", email: "example.com" }, 2)).toMatchObject({
      hasMore: true,
      items: [{}, {}],
    });
  });
});
