import { describe, expect, it } from "vitest";
import { callRaw, seedLearnerContactsBeforeEach, setUpStandIn } from "@/test/support/hubspot/stand-in-test-support";

const harness = setUpStandIn();

seedLearnerContactsBeforeEach(harness);

const control = (method: string, path: string, body?: unknown) =>
  callRaw(harness.standIn, method, `/__control/${path}`, { token: null, ...(body === undefined ? {} : { body }) });

describe("/__control/contacts (a HubSpot user's actions)", () => {
  it("POST creates a HubSpot-only contact the API then reads; the call is not logged", async () => {
    harness.standIn.clearRequests();
    const created = await control("POST", "contacts", {
      email: " Zed@Example.com ",
      properties: { firstname: "Zed", level_a1_status: "completed" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: "3",
      status: "active",
      resolvedId: "3",
      properties: { email: "zed@example.com", firstname: "Zed", hs_object_id: "3" },
    });
    expect(harness.standIn.requests()).toEqual([]);
    const read = await harness.client.crm.contacts.basicApi.getById(
      "zed@example.com",
      ["level_a1_status"],
      undefined,
      undefined,
      undefined,
      "email",
    );
    expect(read).toMatchObject({ id: "3", properties: { level_a1_status: "completed" } });
  });

  it.each([
    ["a taken email (409)", { email: "ANN@example.com" }, 409, "CONFLICT"],
    ["a taken learner_id (409)", { email: "new@example.com", properties: { learner_id: "L-bob" } }, 409, "CONFLICT"],
    ["an invalid email (400)", { email: "not-an-email" }, 400, "VALIDATION_ERROR"],
    ["an unknown property (400)", { properties: { shoe_size: "42" } }, 400, "VALIDATION_ERROR"],
    ["a bad option (400)", { properties: { level_a1_status: "done" } }, 400, "VALIDATION_ERROR"],
    ["an unknown field (400)", { emails: ["a@example.com"] }, 400, "VALIDATION_ERROR"],
  ])("POST refuses %s and creates nothing", async (_case, body, status, category) => {
    const answer = await control("POST", "contacts", body);
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ status: "error", category });
    expect(harness.standIn.state.contactCount()).toBe(2);
  });

  it("PATCH edits like a user; a learner_id another contact holds is a 409 naming it", async () => {
    const edited = await control("PATCH", "contacts/1", {
      properties: { firstname: "Annie", level_a1_units_completed: "8" },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ id: "1", properties: { firstname: "Annie", level_a1_units_completed: "8" } });
    const conflict = await control("PATCH", "contacts/1", { properties: { learner_id: "L-bob" } });
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ category: "CONFLICT", message: "Contact already exists. Existing ID: 2" });
    expect((await control("PATCH", "contacts/99", { properties: {} })).status).toBe(404);
  });

  it("merge + GET show the merged id's status and survivor; removing the secondary email frees it", async () => {
    const merged = await control("POST", "contacts/merge", { primaryObjectId: "1", objectIdToMerge: "2" });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({
      id: "1",
      status: "active",
      properties: { hs_additional_emails: "bob@example.com", hs_merged_object_ids: "2" },
    });
    const old = await control("GET", "contacts/2");
    expect(old.body).toMatchObject({
      id: "2",
      status: "merged",
      mergedInto: "1",
      resolvedId: "1",
      archivedAt: expect.any(String),
      properties: { email: "bob@example.com" },
    });
    await control("PATCH", "contacts/1", { properties: { hs_additional_emails: "" } });
    const reuse = await harness.client.crm.contacts.batchApi.upsert({
      inputs: [{ idProperty: "email", id: "bob@example.com", properties: {} }],
    });
    expect(reuse.results[0]).toMatchObject({ id: "3", _new: true });
  });

  it("DELETE archives and GET then says archived with no live id; unknown ids are 404", async () => {
    const archived = await control("DELETE", "contacts/2");
    expect(archived.body).toMatchObject({
      id: "2",
      status: "archived",
      resolvedId: null,
      archivedAt: expect.any(String),
    });
    expect((await control("GET", "contacts/2")).body).toMatchObject({ status: "archived" });
    expect((await control("DELETE", "contacts/2")).status).toBe(404);
    expect((await control("GET", "contacts/42")).status).toBe(404);
  });

  it("offers the same actions as typed helpers on the stand-in object", async () => {
    const zed = harness.standIn.createContact({ email: "zed@example.com", properties: { learner_id: "L-zed" } });
    expect(zed).toMatchObject({ id: "3", status: "active" });
    expect(harness.standIn.editContact("3", { firstname: "Zed" }).properties.firstname).toBe("Zed");
    expect(harness.standIn.mergeContacts("2", "3")).toMatchObject({
      id: "2",
      properties: { hs_additional_emails: "zed@example.com" },
    });
    expect(harness.standIn.inspectContact("3")).toMatchObject({ status: "merged", resolvedId: "2" });
    expect(harness.standIn.archiveContact("3")).toMatchObject({ id: "2", status: "archived" });
    expect(harness.standIn.inspectContact("3")).toMatchObject({ status: "merged", resolvedId: null });
    expect(harness.standIn.inspectContact("404")).toBeUndefined();
    expect(() => harness.standIn.createContact({ email: "ann@example.com" })).toThrow("Existing ID: 1");
  });
});
