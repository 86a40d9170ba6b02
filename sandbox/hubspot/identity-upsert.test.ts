import { describe, expect, it } from "vitest";
import {
  callRaw,
  createLevelProperties,
  seedLearnerContactsBeforeEach,
  setUpStandIn,
} from "@/test/support/hubspot/stand-in-test-support";

const harness = setUpStandIn();

seedLearnerContactsBeforeEach(harness);

const row = (email: string, properties: Record<string, string> = {}, objectWriteTraceId?: string) => ({
  idProperty: "email",
  id: email,
  properties,
  ...(objectWriteTraceId === undefined ? {} : { objectWriteTraceId }),
});
const upsert = (inputs: unknown[]) =>
  callRaw(harness.standIn, "POST", "/crm/v3/objects/contacts/batch/upsert", { body: { inputs } });

describe("batch/upsert by email: unique values", () => {
  it("refuses the whole batch with 409 when a row sets a learner_id another contact holds, creating nothing", async () => {
    const answer = await upsert([
      row("new@example.com", { learner_id: "L-new" }),
      row("ann@example.com", { level_a1_units_completed: "3" }),
      row("other@example.com", { learner_id: "L-bob" }),
    ]);
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({
      status: "error",
      category: "CONFLICT",
      message: "Contact already exists. Existing ID: 2",
      correlationId: expect.any(String),
    });
    expect(harness.standIn.state.contactCount()).toBe(2);
    expect(harness.standIn.state.getContact("1")?.properties).not.toHaveProperty("level_a1_units_completed");
  });

  it("refuses two new rows with the same learner_id with 400", async () => {
    const answer = await upsert([
      row("x@example.com", { learner_id: "L-x" }),
      row("y@example.com", { learner_id: "L-x" }),
    ]);
    expect(answer.status).toBe(400);
    expect(harness.standIn.state.contactCount()).toBe(2);
  });

  it("includes the id and echoes objectWriteTraceId on every result", async () => {
    const answer = await harness.client.crm.contacts.batchApi.upsert({
      inputs: [
        row("ann@example.com", { firstname: "Ann" }, "trace-ann"),
        row("cat@example.com", { learner_id: "L-cat" }, "trace-cat"),
        row("dan@example.com"),
      ],
    });
    const byTrace = Object.fromEntries(answer.results.map((result) => [result.objectWriteTraceId ?? "none", result]));
    expect(byTrace["trace-ann"]).toMatchObject({ id: "1", _new: false });
    expect(byTrace["trace-cat"]).toMatchObject({ id: "3", _new: true, properties: { learner_id: "L-cat" } });
    expect(byTrace.none).toMatchObject({ id: "4" });
  });

  it("lands an upsert by a merged-away email on the survivor, echoing the survivor's email", async () => {
    await harness.standIn.mergeContacts("1", "2");
    const answer = await harness.client.crm.contacts.batchApi.upsert({
      inputs: [row("BOB@example.com", { level_a1_units_completed: "4", email: "bob@example.com" }, "learner-bob")],
    });
    expect(answer.results).toEqual([
      expect.objectContaining({
        id: "1",
        _new: false,
        objectWriteTraceId: "learner-bob",
        properties: expect.objectContaining({ email: "ann@example.com" }),
      }),
    ]);
    expect(harness.standIn.state.getContact("1")?.properties).toMatchObject({
      email: "ann@example.com",
      hs_additional_emails: "bob@example.com",
      level_a1_units_completed: "4",
    });
    expect(harness.standIn.state.contactCount()).toBe(2);
  });
});

describe("batch result order (HubSpot promises none)", () => {
  const threeNew = () => [row("c@example.com", {}, "c"), row("d@example.com", {}, "d"), row("e@example.com", {}, "e")];
  const traces = (body: unknown) =>
    (body as { results: Array<{ objectWriteTraceId: string }> }).results.map((result) => result.objectWriteTraceId);

  it("answers in input order by default and reversed when configured", async () => {
    expect(traces((await upsert(threeNew())).body)).toEqual(["c", "d", "e"]);
    harness.standIn.reset();
    await createLevelProperties(harness.standIn);
    harness.standIn.configure({ batchResultOrder: "reversed" });
    expect(traces((await upsert(threeNew())).body)).toEqual(["e", "d", "c"]);
    const read = await harness.client.crm.contacts.batchApi.read({
      inputs: [{ id: "1" }, { id: "2" }],
      properties: [],
      propertiesWithHistory: [],
    });
    expect(read.results.map((result) => result.id)).toEqual(["2", "1"]);
  });

  it("shuffles with a seeded order (same after a reset) when set through /__control/config", async () => {
    const control = await callRaw(harness.standIn, "POST", "/__control/config", {
      body: { batchResultOrder: "shuffled" },
      token: null,
    });
    expect(control.body).toMatchObject({ batchResultOrder: "shuffled" });
    const inputs = Array.from({ length: 20 }, (_, index) => row(`user${index}@example.com`, {}, `t${index}`));
    const first = traces((await upsert(inputs)).body);
    expect([...first].sort()).toEqual(inputs.map((input) => input.objectWriteTraceId).sort());
    expect(first).not.toEqual(inputs.map((input) => input.objectWriteTraceId));
    const bad = await callRaw(harness.standIn, "POST", "/__control/config", {
      body: { batchResultOrder: "random" },
      token: null,
    });
    expect(bad.status).toBe(400);
  });
});
