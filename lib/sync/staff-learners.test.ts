/**
 * Issue #10 item 9: "A staff account with no progress is not a learner." A staff member who also
 * studies (a progress or milestone row in an enabled level) is synced like anyone; one without is
 * neither sent, nor counted, nor reported. Being made staff, or no longer staff, takes effect on
 * the next run; a staff account synced before is then treated as removed (removed_learners).
 */
import { describe, expect, it } from "vitest";
import { runSync } from "@/lib/sync/run-sync";
import { computeKpis } from "@/lib/db/kpis/compute-kpis";
import { countLearners } from "@/lib/db/learners/read-learner-page";
import { registerAndPlanLevels } from "@/lib/db/levels/plan-levels";
import { addLearners, addMilestone, addProgress, createLevel } from "@/test/support/sync/source-fixtures";
import { setUpSyncHarness, standInContacts } from "@/test/support/sync/sync-harness";

const h = setUpSyncHarness();

async function makeStaff(userId: string, email: string): Promise<void> {
  await h.db.pool.query("insert into crm_sync.staff (user_id, email, role) values ($1, $2, 'viewer')", [userId, email]);
}

async function recordedUsers(): Promise<string[]> {
  const { rows } = await h.db.pool.query("select user_id::text as id from crm_sync.contact_state order by user_id");
  return rows.map((row: { id: string }) => row.id);
}

describe("staff accounts", () => {
  it("syncs staff who study and leaves out staff without progress: not sent, not counted, not reported", async () => {
    await createLevel(h.db.pool, "a1");
    await createLevel(h.db.pool, "b1");
    const [learner, studying, milestoneOnly, idle, idleNoEmail] = await addLearners(h.db.pool, [
      { email: "learner@example.com" },
      { email: "teacher.studies@school.test" },
      { email: "teacher.milestone@school.test" },
      { email: "admin@school.test" },
      { email: null },
    ]);
    await addProgress(h.db.pool, "a1", [{ userId: learner!, unitId: 1 }]);
    await addProgress(h.db.pool, "a1", [{ userId: studying!, unitId: 1, accuracy: 90 }]);
    await addMilestone(h.db.pool, "b1", milestoneOnly!, "level_started", "2026-01-05T00:00:00Z");
    await makeStaff(studying!, "teacher.studies@school.test");
    await makeStaff(milestoneOnly!, "teacher.milestone@school.test");
    await makeStaff(idle!, "admin@school.test");
    // A staff row whose auth account has no email (an edge the view allows): without progress, not reported either.
    await makeStaff(idleNoEmail!, "phone-only@school.test");

    const dry = await runSync(h.options({ mode: "dry_run" }));
    expect(dry.document.summary).toEqual({ learners: 3, toUpsert: 3, unchanged: 0, invalid: 0 });
    expect(dry.document.issues).toEqual([]);
    const sent = dry.document.batches.flatMap((batch) => batch.inputs.map((input) => input.properties.learner_id));
    expect(sent.sort()).toEqual([learner, studying, milestoneOnly].sort());

    const live = await runSync(h.options());
    expect(live.summary).toMatchObject({ learners: 3, upserted: 3, invalid: 0, failed: 0 });
    expect([...standInContacts(h.standIn).keys()].sort()).toEqual([
      "learner@example.com",
      "teacher.milestone@school.test",
      "teacher.studies@school.test",
    ]);
    expect(standInContacts(h.standIn).get("teacher.studies@school.test")).toMatchObject({
      level_a1_units_completed: "1",
      level_a1_accuracy: "90",
    });
    const { rows } = await h.db.pool.query("select total_learners from crm_sync.runs where id = $1", [live.runId]);
    expect(rows[0].total_learners).toBe(3);
    const plan = await registerAndPlanLevels(h.db.pool);
    expect(await countLearners(h.db.pool, plan.aggregation)).toBe(3);
    // The dashboard counts learners the same way.
    expect((await computeKpis(h.db.pool)).totals).toMatchObject({ learners: 3, activeLearners: 3 });

    // The next run (change capture: only changed learners are read) counts the same three learners.
    const again = await runSync(h.options());
    expect(again.summary).toMatchObject({ learners: 3, unchanged: 3, upserted: 0 });
  });

  it("applies a change of role on the next run: made staff without progress → removed; no longer staff → synced", async () => {
    await createLevel(h.db.pool, "a1");
    const [newcomer, other] = await addLearners(h.db.pool, [
      { email: "newcomer@example.com" },
      { email: "other@example.com" },
    ]);
    await addProgress(h.db.pool, "a1", [{ userId: other!, unitId: 1 }]);
    // A learner without activity is synced (every level not_started) as long as they are not staff.
    const first = await runSync(h.options());
    expect(first.summary).toMatchObject({ learners: 2, upserted: 2 });
    const contactId = (
      await h.db.pool.query("select hubspot_id from crm_sync.contact_state where user_id = $1", [newcomer])
    ).rows[0].hubspot_id as string;

    // Made staff, keep (the default): not sent, not counted, the contact is left as HubSpot has it.
    await makeStaff(newcomer!, "newcomer@example.com");
    h.proxy.clear();
    const kept = await runSync(h.options());
    expect(kept.summary).toMatchObject({ learners: 1, invalid: 0, failed: 0 });
    expect(h.proxy.upsertBodies().join("\n")).not.toContain("newcomer@example.com");
    expect(h.standIn.state.getContact(contactId)?.properties.level_a1_status).toBe("not_started");
    expect(await recordedUsers()).toEqual([newcomer, other].sort());

    // clear: the staff account's synced properties are emptied once, by id, and it is forgotten.
    await h.db.pool.query("update crm_sync.settings set removed_learners = 'clear'");
    try {
      const dry = await runSync(h.options({ mode: "dry_run" }));
      expect(dry.document.summary.learners).toBe(1);
      expect(dry.document.issues).toMatchObject([
        {
          userId: newcomer,
          kind: "removed_cleared",
          message: expect.stringContaining("staff account without progress"),
        },
      ]);
      const cleared = await runSync(h.options());
      expect(cleared.message).toContain("1 removed learner(s) cleared and forgotten");
      expect(h.standIn.state.getContact(contactId)?.properties.level_a1_status ?? "").toBe("");
      expect(await recordedUsers()).toEqual([other]);
    } finally {
      await h.db.pool.query("update crm_sync.settings set removed_learners = 'keep'");
    }

    // No longer staff: a learner again, synced by the next run (change capture picks up the unsynced learner).
    await h.db.pool.query("delete from crm_sync.staff where user_id = $1", [newcomer]);
    const back = await runSync(h.options());
    expect(back.summary).toMatchObject({ learners: 2, upserted: 1 });
    expect(await recordedUsers()).toEqual([newcomer, other].sort());

    // Staff again, now with progress: a staff member who studies stays a learner.
    await makeStaff(newcomer!, "newcomer@example.com");
    await addProgress(h.db.pool, "a1", [{ userId: newcomer!, unitId: 7 }]);
    const studying = await runSync(h.options());
    expect(studying.summary).toMatchObject({ learners: 2, upserted: 1 });
    expect(standInContacts(h.standIn).get("newcomer@example.com")?.level_a1_units_completed).toBe("1");
  });
});
