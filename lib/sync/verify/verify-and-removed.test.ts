/**
 * Verify (read HubSpot back, list differences, mark for resending, recorded as a run), resending
 * one learner, and removed learners (removed_learners = clear: cleared once by id, then
 * forgotten). Real @hubspot/api-client, embedded Postgres, the stand-in; each test ends with the
 * exact-state check and a re-sync that writes nothing.
 */
import { describe, expect, it } from "vitest";
import { runSync } from "../run-sync";
import { createLevel, seedSimpleLearners } from "@/test/support/sync/source-fixtures";
import { setUpSyncHarness } from "@/test/support/sync/sync-harness";
import {
  expectLearnersOnTheirContacts,
  expectNothingToWrite,
  recordedContacts,
  updateBodies,
} from "@/test/support/sync/expect-identity";
import { loadLearnerDetail } from "@/lib/learners/load-learner-detail";
import { findLearners } from "@/lib/learners/find-learners";
import { resendLearner } from "./resend-learner";
import { verifyHubSpot } from "./verify-hubspot";

const h = setUpSyncHarness({ batchResultOrder: "shuffled" });
const nothingWithheld = {
  sourceSchema: "public",
  readWithheld: async () => ({ names: new Set<string>(), uncheckedReason: null }),
};

function verify() {
  return verifyHubSpot({ pool: h.db.pool, hubspot: h.client(), trigger: "cli", actor: { label: "test-runner" } });
}

function hubspotWrites(): string[] {
  return h.proxy
    .requests()
    .filter((request) => /batch\/(upsert|update)/.test(request.path))
    .map((request) => request.path);
}

describe("verify", () => {
  it("reports a property edited in HubSpot and a contact that is gone, marks both, and the next sync restores them", async () => {
    await createLevel(h.db.pool, "a1");
    const ids = await seedSimpleLearners(h.db.pool, 3, ["a1"]);
    await runSync(h.options());
    const contacts = await recordedContacts(h);
    const edited = contacts.get(ids[0]!)!.contactId!;
    const gone = contacts.get(ids[1]!)!.contactId!;
    h.standIn.editContact(edited, { level_a1_status: "completed" });
    h.standIn.archiveContact(gone);
    h.proxy.clear();
    const result = await verify();
    expect(result).toMatchObject({ mode: "verify", checked: 3 });
    expect([...result.differences].sort((a, b) => a.email.localeCompare(b.email))).toEqual([
      {
        userId: ids[0],
        email: "learner1@example.com",
        contactId: edited,
        property: "level_a1_status",
        hubspot: "completed",
        expected: "in_progress",
      },
      {
        userId: ids[1],
        email: "learner2@example.com",
        contactId: gone,
        property: "hs_object_id",
        hubspot: null,
        expected: gone,
      },
    ]);
    expect(hubspotWrites()).toEqual([]);
    expect(h.proxy.requests().filter((request) => request.path.endsWith("/batch/read"))).toHaveLength(1);
    const { rows: runs } = await h.db.pool.query(
      "select mode, status, processed, failed from crm_sync.runs where id = $1",
      [result.runId],
    );
    expect(runs).toEqual([{ mode: "verify", status: "succeeded", processed: 3, failed: 2 }]);
    const { rows: stored } = await h.db.pool.query(
      "select user_id::text as user_id, kind, payload from crm_sync.run_errors where run_id = $1 order by email",
      [result.runId],
    );
    expect(stored).toEqual([
      {
        user_id: ids[0],
        kind: "hubspot_differs",
        payload: { contactId: edited, property: "level_a1_status", hubspot: "completed", expected: "in_progress" },
      },
      {
        user_id: ids[1],
        kind: "hubspot_differs",
        payload: { contactId: gone, property: "hs_object_id", hubspot: null, expected: gone },
      },
    ]);
    // The lookup (the engine's own classification) says the marked learner goes out by its contact id.
    expect((await loadLearnerDetail(h.db.pool, ids[0]!, nothingWithheld))?.next).toEqual({
      kind: "send",
      operation: "update",
      contactId: edited,
      isResendRequested: true,
    });

    const repair = await runSync(h.options());
    expect(repair.summary).toMatchObject({ upserted: 2, failed: 0 });
    expect(h.standIn.state.getContact(edited)?.properties.level_a1_status).toBe("in_progress");
    expect((await recordedContacts(h)).get(ids[1]!)?.contactId).not.toBe(gone);
    expect((await verify()).differences).toEqual([]);
    await expectLearnersOnTheirContacts(h, 3);
    await expectNothingToWrite(h);
  });

  it("resends one learner on request, by id, and shows what the lookup page needs", async () => {
    await createLevel(h.db.pool, "a1");
    const ids = await seedSimpleLearners(h.db.pool, 2, ["a1"]);
    await runSync(h.options());
    const contactId = (await recordedContacts(h)).get(ids[1]!)!.contactId!;
    h.standIn.editContact(contactId, { email: "edited.in.hubspot@example.com" });
    expect(await resendLearner(h.db.pool, ids[1]!)).toEqual({ status: "marked", contactId });
    expect(await resendLearner(h.db.pool, "00000000-0000-4000-8000-000000000000")).toEqual({ status: "not_a_learner" });
    const detail = await loadLearnerDetail(h.db.pool, ids[1]!, nothingWithheld);
    expect(detail).toMatchObject({
      learner: { isInView: true, email: "learner2@example.com" },
      next: { kind: "send", operation: "update", contactId, isResendRequested: true },
      differences: [],
      contact: { hubspotId: contactId, email: "learner2@example.com", resendRequestedAt: expect.any(Date) },
    });
    expect(detail?.contact?.payload).toEqual(detail?.nextPayload);
    expect((await findLearners(h.db.pool, { kind: "email", email: "learner2@" })).items).toMatchObject([
      { userId: ids[1] },
    ]);
    h.proxy.clear();
    const live = await runSync(h.options());
    expect(live.summary).toMatchObject({ upserted: 1, failed: 0 });
    expect(updateBodies(h)).toHaveLength(1);
    expect(h.standIn.state.getContact(contactId)?.properties.email).toBe("learner2@example.com");
    await expectLearnersOnTheirContacts(h, 2);
    await expectNothingToWrite(h);
  });
});

describe("removed learners", () => {
  it("keeps them by default; with removed_learners = clear empties their synced properties once, by id, and forgets them", async () => {
    await createLevel(h.db.pool, "a1");
    const ids = await seedSimpleLearners(h.db.pool, 3, ["a1"]);
    await runSync(h.options());
    const contactId = (await recordedContacts(h)).get(ids[0]!)!.contactId!;
    await h.db.pool.query("update auth.users set banned_until = now() + interval '1 year' where id = $1", [ids[0]]);
    h.proxy.clear();
    await runSync(h.options());
    expect(hubspotWrites()).toEqual([]);

    await h.db.pool.query("update crm_sync.settings set removed_learners = 'clear'");
    const dry = await runSync(h.options({ mode: "dry_run" }));
    const cleared = Object.fromEntries(
      [
        "level_a1_units_completed",
        "level_a1_accuracy",
        "level_a1_status",
        "total_study_time",
        "current_active_level",
        "last_activity_date_global",
        "learner_id",
      ].map((name) => [name, ""]),
    );
    expect(dry.document.batches).toEqual([{ operation: "update", inputs: [{ id: contactId, properties: cleared }] }]);
    expect(dry.document.issues).toMatchObject([{ userId: ids[0], kind: "removed_cleared" }]);
    h.proxy.clear();
    const live = await runSync(h.options());
    expect(live.message).toContain("1 removed learner(s) cleared and forgotten");
    expect(updateBodies(h)).toEqual([JSON.stringify({ inputs: dry.document.batches[0]!.inputs })]);
    const properties = h.standIn.state.getContact(contactId)!.properties;
    expect(Object.keys(cleared).filter((name) => properties[name] !== undefined)).toEqual([]);
    expect(properties.email).toBe("learner1@example.com");
    expect((await recordedContacts(h)).has(ids[0]!)).toBe(false);
    const { rows } = await h.db.pool.query("select kind from crm_sync.run_errors where run_id = $1 and user_id = $2", [
      live.runId,
      ids[0],
    ]);
    expect(rows).toEqual([{ kind: "removed_cleared" }]);
    await expectLearnersOnTheirContacts(h, 2);
    await expectNothingToWrite(h);
  });
});
