/**
 * The right contact, always: email changes go by id, conflicts are isolated, merges and archives
 * in HubSpot are followed, and whitespace-only email differences are one learner. Real
 * @hubspot/api-client, embedded Postgres, the stand-in answering batches in shuffled order; each
 * test ends with the exact-state check and a re-sync that writes nothing.
 */
import { describe, expect, it } from "vitest";
import { runSync } from "./run-sync";
import { addLearners, addProgress, createLevel, seedSimpleLearners } from "@/test/support/sync/source-fixtures";
import { setUpSyncHarness } from "@/test/support/sync/sync-harness";
import {
  expectLearnersOnTheirContacts,
  expectNothingToWrite,
  recordedContacts,
  updateBodies,
} from "@/test/support/sync/expect-identity";

const h = setUpSyncHarness({ batchResultOrder: "shuffled" });

async function setEmail(userId: string, email: string): Promise<void> {
  await h.db.pool.query("update auth.users set email = $2 where id = $1", [userId, email]);
}

async function issuesOf(runId: number) {
  const { rows } = await h.db.pool.query(
    "select user_id::text as user_id, kind, message from crm_sync.run_errors where run_id = $1 order by id",
    [runId],
  );
  return rows as Array<{ user_id: string; kind: string; message: string }>;
}

describe("contact identity", () => {
  it("changes an email by contact id: same contact, no contact keeps the old email, dry run shows the exact update body", async () => {
    await createLevel(h.db.pool, "a1");
    const ids = await seedSimpleLearners(h.db.pool, 3, ["a1"]);
    await runSync(h.options());
    const before = await recordedContacts(h);
    const contactId = before.get(ids[0]!)!.contactId!;
    await setEmail(ids[0]!, "Renamed@Example.com ");
    const dry = await runSync(h.options({ mode: "dry_run" }));
    expect(dry.document.batches).toHaveLength(1);
    expect(dry.document.batches[0]).toMatchObject({
      operation: "update",
      inputs: [{ id: contactId, properties: { email: "renamed@example.com", learner_id: ids[0] } }],
    });
    h.proxy.clear();
    const live = await runSync(h.options());
    expect(live.summary).toMatchObject({ upserted: 1, failed: 0 });
    expect(updateBodies(h)).toEqual([JSON.stringify({ inputs: dry.document.batches[0]!.inputs })]);
    expect(h.proxy.upsertBodies()).toEqual([]);
    expect((await recordedContacts(h)).get(ids[0]!)).toEqual({ contactId, email: "renamed@example.com" });
    expect(h.standIn.state.getContact(contactId)?.properties.email).toBe("renamed@example.com");
    expect(h.standIn.state.findContactByEmail("learner1@example.com")).toBeUndefined();
    await expectLearnersOnTheirContacts(h, 3);
    await expectNothingToWrite(h);
  });

  it("isolates an email another contact holds: that learner is reported, both contacts untouched, the rest of the batch lands", async () => {
    await createLevel(h.db.pool, "a1");
    const ids = await seedSimpleLearners(h.db.pool, 6, ["a1"]);
    await runSync(h.options());
    const before = await recordedContacts(h);
    const outsider = h.standIn.createContact({ email: "taken@example.com", properties: { firstname: "Pat" } });
    const blockedContact = before.get(ids[2]!)!.contactId!;
    const blockedBefore = { ...h.standIn.state.getContact(blockedContact)!.properties };
    for (const [index, id] of ids.entries())
      await setEmail(id, index === 2 ? "Taken@example.com" : `moved${index + 1}@example.com`);
    const live = await runSync(h.options());
    expect(live).toMatchObject({ status: "partial", summary: { upserted: 5, failed: 1 } });
    const issues = await issuesOf(live.runId);
    expect(issues).toEqual([
      {
        user_id: ids[2],
        kind: "email_conflict",
        message: expect.stringContaining(`HubSpot contact ${outsider.id} already has the email taken@example.com`),
      },
    ]);
    expect(h.standIn.inspectContact(outsider.id)?.properties).toEqual(outsider.properties);
    expect(h.standIn.state.getContact(blockedContact)?.properties).toEqual(blockedBefore);
    const after = await recordedContacts(h);
    for (const [index, id] of ids.entries()) {
      expect(after.get(id)?.contactId).toBe(before.get(id)?.contactId);
      expect(after.get(id)?.email).toBe(index === 2 ? "learner3@example.com" : `moved${index + 1}@example.com`);
    }
    // Someone resolves it in HubSpot; the next run lands the learner on its own contact.
    h.standIn.archiveContact(outsider.id);
    const retry = await runSync(h.options());
    expect(retry.summary).toMatchObject({ upserted: 1, failed: 0 });
    expect((await recordedContacts(h)).get(ids[2]!)).toEqual({ contactId: blockedContact, email: "taken@example.com" });
    await expectLearnersOnTheirContacts(h, 6);
    await expectNothingToWrite(h);
  });

  it("follows a merge: the next change lands on the survivor (echoing the survivor's email) and its id is recorded", async () => {
    await createLevel(h.db.pool, "a1");
    const ids = await seedSimpleLearners(h.db.pool, 2, ["a1"]);
    await runSync(h.options());
    const merged = (await recordedContacts(h)).get(ids[0]!)!.contactId!;
    const survivor = h.standIn.createContact({ email: "crm.owner@example.com", properties: { firstname: "Sam" } });
    h.standIn.mergeContacts(survivor.id, merged);
    await addProgress(h.db.pool, "a1", [
      { userId: ids[0]!, unitId: 3, accuracy: 100, updatedAt: "2026-02-01T00:00:00Z" },
    ]);
    const changed = await runSync(h.options());
    expect(changed.summary).toMatchObject({ upserted: 1, failed: 0 });
    expect((await recordedContacts(h)).get(ids[0]!)?.contactId).toBe(survivor.id);
    expect(h.standIn.state.getContact(survivor.id)?.properties).toMatchObject({
      level_a1_units_completed: "3",
      learner_id: ids[0],
      email: "crm.owner@example.com",
    });
    await expectLearnersOnTheirContacts(h, 2);
    // An email change now goes to the survivor by id.
    await setEmail(ids[0]!, "learner1.new@example.com");
    await runSync(h.options());
    expect((await recordedContacts(h)).get(ids[0]!)).toEqual({
      contactId: survivor.id,
      email: "learner1.new@example.com",
    });
    await expectLearnersOnTheirContacts(h, 2);
    await expectNothingToWrite(h);
  });

  it("recreates an archived contact, by email or after a failed update by id, and records the new id", async () => {
    await createLevel(h.db.pool, "a1");
    const ids = await seedSimpleLearners(h.db.pool, 3, ["a1"]);
    await runSync(h.options());
    const before = await recordedContacts(h);
    for (const id of ids.slice(0, 2)) h.standIn.archiveContact(before.get(id)!.contactId!);
    await addProgress(h.db.pool, "a1", [{ userId: ids[0]!, unitId: 3, accuracy: 90 }]);
    await setEmail(ids[1]!, "learner2.moved@example.com");
    h.proxy.clear();
    const live = await runSync(h.options());
    expect(live.summary).toMatchObject({ upserted: 2, failed: 0 });
    // One upsert (changed values), one update by the archived id answered not found, one fallback upsert.
    expect(
      h.proxy
        .requests()
        .filter((request) => request.path.includes("/batch/"))
        .map((request) => [request.path.split("/").at(-1), request.status]),
    ).toEqual(
      expect.arrayContaining([
        ["update", 207],
        ["upsert", 200],
      ]),
    );
    const after = await recordedContacts(h);
    for (const id of ids.slice(0, 2)) {
      expect(after.get(id)?.contactId).not.toBe(before.get(id)?.contactId);
      expect(h.standIn.state.resolveContact(after.get(id)!.contactId!)?.properties.learner_id).toBe(id);
    }
    expect(after.get(ids[2]!)).toEqual(before.get(ids[2]!));
    await expectLearnersOnTheirContacts(h, 3);
    await expectNothingToWrite(h);
  });

  it("treats emails that differ only by a trailing tab or newline as one learner group (duplicate_email)", async () => {
    await createLevel(h.db.pool, "a1");
    const [active, quiet] = await addLearners(h.db.pool, [{ email: "Bob@x.com\n" }, { email: "bob@x.com\t" }]);
    await addProgress(h.db.pool, "a1", [{ userId: active!, unitId: 1, accuracy: 80 }]);
    const live = await runSync(h.options());
    expect(live.summary).toMatchObject({ upserted: 1, invalid: 1, failed: 0 });
    expect(await issuesOf(live.runId)).toEqual([
      { user_id: quiet, kind: "duplicate_email", message: expect.stringContaining(`learner ${active}`) },
    ]);
    expect(h.standIn.state.findContactByEmail("bob@x.com")?.properties.learner_id).toBe(active);
    await expectLearnersOnTheirContacts(h, 1);
    await expectNothingToWrite(h);
  });
});
