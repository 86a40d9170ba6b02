import { describe, expect, it } from "vitest";
import {
  callRaw,
  sdkFailure,
  seedLearnerContactsBeforeEach,
  setUpStandIn,
} from "@/test/support/hubspot/stand-in-test-support";

const harness = setUpStandIn();

seedLearnerContactsBeforeEach(harness, ["ann", "bob", "cat"]);

const update = (inputs: unknown[]) =>
  callRaw(harness.standIn, "POST", "/crm/v3/objects/contacts/batch/update", { body: { inputs } });
const stored = (id: string) => harness.standIn.state.getContact(id)?.properties;

describe("learner_id: a property with unique values", () => {
  it("is created with hasUniqueValue and reads back with it", async () => {
    const property = await harness.client.crm.properties.coreApi.getByName("contacts", "learner_id");
    expect(property).toMatchObject({
      name: "learner_id",
      type: "string",
      fieldType: "text",
      groupName: "level_progress",
      hasUniqueValue: true,
    });
    const plain = await harness.client.crm.properties.coreApi.getByName("contacts", "level_a1_status");
    expect(plain.hasUniqueValue).toBe(false);
  });

  it("cannot be changed to or from unique afterwards (PropertyUpdate has no hasUniqueValue)", async () => {
    const answer = await callRaw(harness.standIn, "PATCH", "/crm/v3/properties/contacts/learner_id", {
      body: { hasUniqueValue: false },
    });
    expect(answer.status).toBe(400);
    expect(harness.standIn.state.getProperty("learner_id")?.hasUniqueValue).toBe(true);
  });
});

describe("batch/update by id: unique values", () => {
  it("refuses the whole batch with 409 when a row takes another contact's email, writing nothing", async () => {
    const failure = await sdkFailure(
      harness.client.crm.contacts.batchApi.update({
        inputs: [
          { id: "3", properties: { level_a1_units_completed: "5" } },
          { id: "2", properties: { email: " ANN@Example.com" } },
        ],
      }),
    );
    expect(failure.code).toBe(409);
    expect(failure.body).toMatchObject({
      status: "error",
      category: "CONFLICT",
      message: "Contact already exists. Existing ID: 1",
      correlationId: expect.any(String),
    });
    expect(stored("3")).not.toHaveProperty("level_a1_units_completed");
    expect(stored("2")?.email).toBe("bob@example.com");
  });

  it("refuses the whole batch with 409 when a row takes another contact's learner_id, writing nothing", async () => {
    const answer = await update([
      { id: "1", properties: { firstname: "Ann" } },
      { id: "2", properties: { learner_id: "L-cat", email: "robert@example.com" } },
    ]);
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ category: "CONFLICT", message: "Contact already exists. Existing ID: 3" });
    expect(stored("1")).not.toHaveProperty("firstname");
    expect(stored("2")).toMatchObject({ email: "bob@example.com", learner_id: "L-bob" });
  });

  it("refuses two rows claiming one new email, naming the first row's contact", async () => {
    const answer = await update([
      { id: "1", properties: { email: "shared@example.com" } },
      { id: "2", properties: { email: "shared@example.com" } },
    ]);
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ message: "Contact already exists. Existing ID: 1" });
    expect(harness.standIn.state.findContactByEmail("shared@example.com")).toBeUndefined();
  });

  it("lets a contact keep (re-send) its own email and learner_id", async () => {
    const answer = await update([{ id: "1", properties: { email: "ann@example.com", learner_id: "L-ann" } }]);
    expect(answer.status).toBe(200);
  });

  it("changes the email by id; the old email then belongs to no one and a new upsert creates a new contact", async () => {
    const answer = await harness.client.crm.contacts.batchApi.update({
      inputs: [{ id: "1", properties: { email: "Ann.New@Example.com" } }],
    });
    expect(answer.results[0]).toMatchObject({ id: "1", properties: { email: "ann.new@example.com" } });
    expect(harness.standIn.state.findContactByEmail("ann@example.com")).toBeUndefined();
    expect(harness.standIn.state.findContactByEmail("ann.new@example.com")?.id).toBe("1");
    const upsert = await harness.client.crm.contacts.batchApi.upsert({
      inputs: [{ idProperty: "email", id: "ann@example.com", properties: {} }],
    });
    expect(upsert.results[0]).toMatchObject({ id: "4", _new: true });
  });
});

describe("batch/update by id: row errors and whole-batch errors", () => {
  it("refuses a duplicate id with 400 VALIDATION_ERROR, writing nothing", async () => {
    const answer = await update([
      { id: "1", properties: { firstname: "A" } },
      { id: "1", properties: { firstname: "B" } },
    ]);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ category: "VALIDATION_ERROR", context: { ids: ["1"] } });
    expect(stored("1")).not.toHaveProperty("firstname");
  });

  it("reports an archived id as OBJECT_NOT_FOUND in a 207 and still writes the other rows", async () => {
    await harness.client.crm.contacts.basicApi.archive("2");
    const answer = await update([
      { id: "1", properties: { firstname: "Ann" } },
      { id: "2", properties: { firstname: "Bob" } },
      { id: "404", properties: { firstname: "Nobody" } },
    ]);
    expect(answer.status).toBe(207);
    expect(answer.body).toMatchObject({
      numErrors: 2,
      results: [{ id: "1", properties: { firstname: "Ann" } }],
      errors: [
        { status: "error", category: "OBJECT_NOT_FOUND", context: { id: ["2"] } },
        { status: "error", category: "OBJECT_NOT_FOUND", context: { id: ["404"] } },
      ],
    });
    expect(stored("2")).not.toHaveProperty("firstname");
  });

  it("writes a merged-away id to the survivor, answering with the survivor's id and echoing objectWriteTraceId", async () => {
    await harness.client.crm.contacts.basicApi.merge({ primaryObjectId: "1", objectIdToMerge: "2" });
    const answer = await harness.client.crm.contacts.batchApi.update({
      inputs: [{ id: "2", objectWriteTraceId: "learner-bob", properties: { level_a1_units_completed: "7" } }],
    });
    expect(answer.results).toEqual([
      expect.objectContaining({
        id: "1",
        objectWriteTraceId: "learner-bob",
        properties: expect.objectContaining({ email: "ann@example.com", level_a1_units_completed: "7" }),
      }),
    ]);
    expect(stored("1")?.level_a1_units_completed).toBe("7");
    expect(stored("2")).not.toHaveProperty("level_a1_units_completed");
  });

  it.each([
    ["inputs missing", {}],
    ["a row without properties", { inputs: [{ id: "1" }] }],
    ["a numeric id", { inputs: [{ id: 1, properties: {} }] }],
    ["an unknown field", { inputs: [{ id: "1", properties: {}, associations: [] }] }],
    [
      "more than 100 inputs",
      { inputs: Array.from({ length: 101 }, (_, index) => ({ id: String(index + 1), properties: {} })) },
    ],
  ])("refuses a body with %s (BatchInputSimplePublicObjectBatchInput) with 400", async (_case, body) => {
    const answer = await callRaw(harness.standIn, "POST", "/crm/v3/objects/contacts/batch/update", { body });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ status: "error", category: "VALIDATION_ERROR" });
  });
});
