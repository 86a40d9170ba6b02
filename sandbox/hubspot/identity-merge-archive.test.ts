import { beforeEach, describe, expect, it } from "vitest";
import {
  callRaw,
  createLearnerIdProperty,
  createLevelProperties,
  nextMillisecond,
  sdkFailure,
  seedContacts,
  setUpStandIn,
} from "@/test/support/hubspot/stand-in-test-support";

const harness = setUpStandIn();

beforeEach(async () => {
  await createLevelProperties(harness.standIn);
  await createLearnerIdProperty(harness.standIn);
  await seedContacts(harness.standIn, [
    { email: "ann@example.com", learner_id: "L-ann", firstname: "Ann" },
    { email: "bob@example.com", learner_id: "L-bob", lastname: "Builder" },
    { email: "cat@example.com", learner_id: "L-cat" },
  ]);
});

const batchRead = (body: unknown, query = "") =>
  callRaw(harness.standIn, "POST", `/crm/v3/objects/contacts/batch/read${query}`, { body });

describe("POST /crm/v3/objects/contacts/merge", () => {
  it("keeps the primary, resolves the merged id to it in GET, batch/read and batch/update", async () => {
    const merged = await harness.client.crm.contacts.basicApi.mergeWithHttpInfo({
      primaryObjectId: "1",
      objectIdToMerge: "2",
    });
    expect(merged.httpStatusCode).toBe(200);
    expect(merged.data).toMatchObject({ id: "1", properties: { email: "ann@example.com" } });
    const byOldId = await harness.client.crm.contacts.basicApi.getById("2", ["learner_id", "hs_merged_object_ids"]);
    expect(byOldId).toMatchObject({ id: "1", properties: { hs_merged_object_ids: "2" } });
    const read = await batchRead({ inputs: [{ id: "2" }, { id: "3" }], properties: ["email"] });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ results: [{ id: "1", properties: { email: "ann@example.com" } }, { id: "3" }] });
  });

  it("adopts the most recent value per property, keeps the primary's email and makes the merged email a secondary one", async () => {
    await nextMillisecond();
    await harness.client.crm.contacts.batchApi.update({
      inputs: [{ id: "2", properties: { firstname: "Robert", level_a1_units_completed: "9" } }],
    });
    await nextMillisecond();
    await harness.client.crm.contacts.batchApi.update({
      inputs: [{ id: "1", properties: { level_a1_units_completed: "3" } }],
    });
    await harness.client.crm.contacts.basicApi.merge({ primaryObjectId: "1", objectIdToMerge: "2" });
    expect(harness.standIn.state.getContact("1")?.properties).toMatchObject({
      email: "ann@example.com",
      hs_additional_emails: "bob@example.com",
      firstname: "Robert", // written on 2 after 1's
      level_a1_units_completed: "3", // written on 1 last
      lastname: "Builder", // never set on 1: filled from 2
      learner_id: "L-ann", // both written by one batch (same time): a tie keeps the primary's
    });
  });

  it("frees the merged contact's learner_id when the survivor keeps its own, so another contact may take it", async () => {
    await nextMillisecond();
    await harness.client.crm.contacts.batchApi.update({ inputs: [{ id: "1", properties: { learner_id: "L-ann" } }] });
    await harness.client.crm.contacts.basicApi.merge({ primaryObjectId: "1", objectIdToMerge: "2" });
    expect(harness.standIn.state.getContact("1")?.properties.learner_id).toBe("L-ann");
    const answer = await harness.client.crm.contacts.batchApi.updateWithHttpInfo({
      inputs: [{ id: "3", properties: { learner_id: "L-bob" } }],
    });
    expect(answer.httpStatusCode).toBe(200);
  });

  it("keeps the merged email identifying the survivor: another contact taking it gets 409 naming the survivor", async () => {
    await harness.client.crm.contacts.basicApi.merge({ primaryObjectId: "1", objectIdToMerge: "2" });
    const failure = await sdkFailure(
      harness.client.crm.contacts.batchApi.update({ inputs: [{ id: "3", properties: { email: "bob@example.com" } }] }),
    );
    expect(failure.code).toBe(409);
    expect(failure.body.message).toBe("Contact already exists. Existing ID: 1");
  });

  it("follows chains of merges and refuses merging a contact into itself (400) or an unknown one (404)", async () => {
    await harness.client.crm.contacts.basicApi.merge({ primaryObjectId: "2", objectIdToMerge: "3" });
    await harness.client.crm.contacts.basicApi.merge({ primaryObjectId: "1", objectIdToMerge: "2" });
    expect((await harness.client.crm.contacts.basicApi.getById("3")).id).toBe("1");
    expect(harness.standIn.state.getContact("1")?.properties.hs_merged_object_ids).toBe("2;3");
    expect(
      (await sdkFailure(harness.client.crm.contacts.basicApi.merge({ primaryObjectId: "1", objectIdToMerge: "3" })))
        .code,
    ).toBe(400);
    expect(
      (await sdkFailure(harness.client.crm.contacts.basicApi.merge({ primaryObjectId: "1", objectIdToMerge: "99" })))
        .code,
    ).toBe(404);
  });

  it.each([
    ["a missing objectIdToMerge", { primaryObjectId: "1" }],
    ["numeric ids", { primaryObjectId: 1, objectIdToMerge: 2 }],
    ["an unknown field", { primaryObjectId: "1", objectIdToMerge: "2", strategy: "newest" }],
  ])("refuses a PublicMergeInput with %s (400), merging nothing", async (_case, body) => {
    const answer = await callRaw(harness.standIn, "POST", "/crm/v3/objects/contacts/merge", { body });
    expect(answer.status).toBe(400);
    expect(harness.standIn.inspectContact("2")?.status).toBe("active");
  });
});

describe("archiving", () => {
  it("DELETE by id answers 204, hides the contact from reads and frees its email and learner_id", async () => {
    const answer = await harness.client.crm.contacts.basicApi.archiveWithHttpInfo("2");
    expect(answer.httpStatusCode).toBe(204);
    expect((await sdkFailure(harness.client.crm.contacts.basicApi.getById("2"))).code).toBe(404);
    const archived = await harness.client.crm.contacts.basicApi.getById("2", undefined, undefined, undefined, true);
    expect(archived).toMatchObject({ id: "2", archived: true });
    expect(archived.archivedAt).toBeInstanceOf(Date);
    const reuse = await harness.client.crm.contacts.batchApi.upsert({
      inputs: [{ idProperty: "email", id: "bob@example.com", properties: { learner_id: "L-bob" } }],
    });
    expect(reuse.results[0]).toMatchObject({ id: "4", _new: true });
  });

  it("batch/archive answers 204 for known and unknown ids; batch/read reports archived ids as OBJECT_NOT_FOUND (207)", async () => {
    const answer = await harness.client.crm.contacts.batchApi.archiveWithHttpInfo({
      inputs: [{ id: "1" }, { id: "77" }],
    });
    expect(answer.httpStatusCode).toBe(204);
    expect((await callRaw(harness.standIn, "DELETE", "/crm/v3/objects/contacts/78")).status).toBe(204);
    const read = await batchRead({ inputs: [{ id: "1" }, { id: "3" }], properties: ["email"] });
    expect(read.status).toBe(207);
    expect(read.body).toMatchObject({
      results: [{ id: "3" }],
      numErrors: 1,
      errors: [{ category: "OBJECT_NOT_FOUND", context: { ids: ["1"] } }],
    });
    const archivedOnly = await batchRead({ inputs: [{ id: "1" }, { id: "3" }] }, "?archived=true");
    expect(archivedOnly.body).toMatchObject({
      results: [{ id: "1", archived: true }],
      errors: [{ context: { ids: ["3"] } }],
    });
    const tooMany = await harness.client.crm.contacts.batchApi
      .archiveWithHttpInfo({ inputs: Array.from({ length: 101 }, (_, index) => ({ id: String(index) })) })
      .catch((error: unknown) => error);
    expect(tooMany).toMatchObject({ code: 400 });
  });

  it("lists archived contacts with archived=true, not merged ones", async () => {
    await harness.client.crm.contacts.basicApi.archive("3");
    await harness.client.crm.contacts.basicApi.merge({ primaryObjectId: "1", objectIdToMerge: "2" });
    const archived = await harness.client.crm.contacts.basicApi.getPage(
      10,
      undefined,
      undefined,
      undefined,
      undefined,
      true,
    );
    expect(archived.results.map((contact) => contact.id)).toEqual(["3"]);
    const live = await harness.client.crm.contacts.basicApi.getPage(10);
    expect(live.results.map((contact) => contact.id)).toEqual(["1"]);
  });

  it("counts merges and archives in the request log like every API call", async () => {
    harness.standIn.clearRequests();
    await harness.client.crm.contacts.basicApi.merge({ primaryObjectId: "1", objectIdToMerge: "2" });
    await harness.client.crm.contacts.batchApi.archive({ inputs: [{ id: "3" }] });
    expect(
      harness.standIn.requests().map(({ method, path, status, inputs }) => ({ method, path, status, inputs })),
    ).toEqual([
      { method: "POST", path: "/crm/v3/objects/contacts/merge", status: 200, inputs: null },
      { method: "POST", path: "/crm/v3/objects/contacts/batch/archive", status: 204, inputs: 1 },
    ]);
  });
});
