import {
  PropertyCreateFieldTypeEnum as FieldType,
  PropertyCreateTypeEnum as PropertyType,
} from "@hubspot/api-client/lib/codegen/crm/properties";
import { beforeEach, describe, expect, it } from "vitest";
import { callRaw, createLevelProperties, sdkFailure, setUpStandIn } from "@/test/support/hubspot/stand-in-test-support";

const harness = setUpStandIn();

beforeEach(() => createLevelProperties(harness.standIn));

function upsertInput(email: string, properties: Record<string, string> = {}) {
  return { idProperty: "email", id: email, properties };
}

async function upsertRaw(inputs: unknown[]) {
  return callRaw(harness.standIn, "POST", "/crm/v3/objects/contacts/batch/upsert", { body: { inputs } });
}

interface ValidationBody {
  category: string;
  message: string;
  errors: Array<{ code?: string; in?: string; context?: Record<string, string[]> }>;
}

describe("batch upsert by email", () => {
  it("creates contacts with sequential ids, lower-cased emails and system properties (200, new: true)", async () => {
    const answer = await harness.client.crm.contacts.batchApi.upsertWithHttpInfo({
      inputs: [
        upsertInput(" Ann@Example.COM ", { level_a1_status: "completed", level_a1_units_completed: "12" }),
        upsertInput("bob@example.com", { firstname: "Bob" }),
      ],
    });
    expect(answer.httpStatusCode).toBe(200);
    expect(answer.data.status).toBe("COMPLETE");
    const [ann, bob] = answer.data.results;
    expect(ann?.id).toBe("1");
    expect(bob?.id).toBe("2");
    expect(ann?._new).toBe(true);
    expect(ann?.properties).toMatchObject({
      email: "ann@example.com",
      hs_object_id: "1",
      level_a1_status: "completed",
      level_a1_units_completed: "12",
    });
    expect(Date.parse(String(ann?.properties.createdate))).not.toBeNaN();
    expect(ann?.properties.lastmodifieddate).toBe(ann?.properties.createdate);
    expect(bob?.properties.firstname).toBe("Bob");
    expect(answer.data.startedAt).toBeInstanceOf(Date);
    expect(answer.data.completedAt).toBeInstanceOf(Date);
    const stored = harness.standIn.state.findContactByEmail("ann@example.com");
    expect(stored?.properties.email).toBe("ann@example.com");
  });

  it("updates the existing contact on a second upsert (new: false), matching emails case-insensitively", async () => {
    await harness.client.crm.contacts.batchApi.upsert({
      inputs: [upsertInput("ann@example.com", { level_a1_units_completed: "1" })],
    });
    const second = await harness.client.crm.contacts.batchApi.upsert({
      inputs: [upsertInput("ANN@example.com", { level_a1_units_completed: "2" })],
    });
    expect(second.results[0]).toMatchObject({ id: "1", _new: false, properties: { level_a1_units_completed: "2" } });
    expect(harness.standIn.state.contactCount()).toBe(1);
  });

  it("clears a property sent as an empty string", async () => {
    await harness.client.crm.contacts.batchApi.upsert({
      inputs: [upsertInput("ann@example.com", { level_a1_accuracy: "87.5" })],
    });
    await harness.client.crm.contacts.batchApi.upsert({
      inputs: [upsertInput("ann@example.com", { level_a1_accuracy: "" })],
    });
    expect(harness.standIn.state.getContact("1")?.properties).not.toHaveProperty("level_a1_accuracy");
  });

  it("stores a midnight-UTC epoch date as YYYY-MM-DD and accepts YYYY-MM-DD", async () => {
    const midnight = String(Date.UTC(2024, 2, 5));
    const answer = await harness.client.crm.contacts.batchApi.upsert({
      inputs: [
        upsertInput("a@example.com", { last_activity_date_global: midnight }),
        upsertInput("b@example.com", { last_activity_date_global: "2024-03-06" }),
      ],
    });
    expect(answer.results.map((contact) => contact.properties.last_activity_date_global)).toEqual([
      "2024-03-05",
      "2024-03-06",
    ]);
  });

  it("answers 207 for invalid emails, writing the good rows and reporting each bad row with its id", async () => {
    const answer = await upsertRaw([
      upsertInput("good@example.com", { level_a1_units_completed: "3" }),
      upsertInput("not-an-email"),
      upsertInput("x@nodot"),
    ]);
    expect(answer.status).toBe(207);
    expect(answer.body).toMatchObject({
      status: "COMPLETE",
      numErrors: 2,
      results: [{ id: "1", new: true, properties: { email: "good@example.com" } }],
      errors: [
        { status: "error", category: "VALIDATION_ERROR", context: { id: ["not-an-email"] } },
        { status: "error", category: "VALIDATION_ERROR", context: { id: ["x@nodot"] } },
      ],
    });
    const errors = (answer.body as { errors: Array<{ message: string }> }).errors;
    expect(errors[0]?.message).toMatch(/^Property values were not valid: .*INVALID_EMAIL/);
    expect(harness.standIn.state.contactCount()).toBe(1);
  });

  it("reads a 207 through the SDK as BatchResponse…WithErrors", async () => {
    const answer = await harness.client.crm.contacts.batchApi.upsertWithHttpInfo({
      inputs: [upsertInput("ok@example.com"), upsertInput("bad")],
    });
    expect(answer.httpStatusCode).toBe(207);
    expect(answer.data.results).toHaveLength(1);
    expect(answer.data).toMatchObject({ numErrors: 1 });
  });

  it("rejects an email property that differs from the upsert id, per row", async () => {
    const answer = await upsertRaw([upsertInput("a@example.com", { email: "b@example.com" })]);
    expect(answer.status).toBe(207);
    expect(answer.body).toMatchObject({ numErrors: 1, results: [] });
  });

  it("serves the SDK's generic objects API for object type 0-1, and no other object type", async () => {
    const answer = await harness.client.crm.objects.batchApi.upsert("0-1", {
      inputs: [upsertInput("ann@example.com", { firstname: "Ann" })],
    });
    expect(answer.results[0]?.properties.email).toBe("ann@example.com");
    const companies = await callRaw(harness.standIn, "POST", "/crm/v3/objects/companies/batch/upsert", {
      body: { inputs: [] },
    });
    expect(companies.status).toBe(400);
    expect(harness.standIn.state.contactCount()).toBe(1);
  });

  it("requires an idProperty for upsert", async () => {
    const answer = await upsertRaw([{ id: "a@example.com", properties: {} }]);
    expect(answer.status).toBe(400);
    expect(String((answer.body as ValidationBody).message)).toContain("idProperty");
  });
});

describe("whole-batch validation (400, nothing written)", () => {
  it("refuses more than 100 inputs", async () => {
    const inputs = Array.from({ length: 101 }, (_, index) => upsertInput(`user${index}@example.com`));
    const failure = await sdkFailure(harness.client.crm.contacts.batchApi.upsert({ inputs }));
    expect(failure.code).toBe(400);
    expect(failure.body.category).toBe("VALIDATION_ERROR");
    expect(String(failure.body.message)).toContain("100");
    expect(harness.standIn.state.contactCount()).toBe(0);
  });

  it("accepts exactly 100 inputs", async () => {
    const inputs = Array.from({ length: 100 }, (_, index) => upsertInput(`user${index}@example.com`));
    const answer = await harness.client.crm.contacts.batchApi.upsertWithHttpInfo({ inputs });
    expect(answer.httpStatusCode).toBe(200);
    expect(harness.standIn.state.contactCount()).toBe(100);
  });

  it("refuses duplicate ids, including emails that differ only in case and spaces", async () => {
    const exact = await upsertRaw([upsertInput("a@example.com"), upsertInput("a@example.com")]);
    expect(exact.status).toBe(400);
    const caseOnly = await upsertRaw([upsertInput("ann@example.com"), upsertInput(" ANN@Example.com ")]);
    expect(caseOnly.status).toBe(400);
    expect(caseOnly.body).toMatchObject({ category: "VALIDATION_ERROR", context: { ids: [" ANN@Example.com "] } });
    expect(harness.standIn.state.contactCount()).toBe(0);
  });

  it("refuses an unknown property, naming it and the input in context", async () => {
    const answer = await upsertRaw([
      upsertInput("a@example.com"),
      upsertInput("b@example.com", { level_zz_status: "completed" }),
    ]);
    expect(answer.status).toBe(400);
    const body = answer.body as ValidationBody;
    expect(body.category).toBe("VALIDATION_ERROR");
    expect(body.message).toContain("PROPERTY_DOESNT_EXIST");
    expect(body.errors).toEqual([
      expect.objectContaining({
        code: "PROPERTY_DOESNT_EXIST",
        context: { propertyName: ["level_zz_status"], inputIndex: ["1"], id: ["b@example.com"] },
      }),
    ]);
    expect(harness.standIn.state.contactCount()).toBe(0);
  });

  it.each([
    ["a non-numeric number", { level_a1_units_completed: "twelve" }, "INVALID_DOUBLE", "level_a1_units_completed"],
    ["a number with a comma", { level_a1_accuracy: "87,5" }, "INVALID_DOUBLE", "level_a1_accuracy"],
    ["an unknown enumeration option", { level_a1_status: "done" }, "INVALID_OPTION", "level_a1_status"],
    ["an option label instead of its value", { level_a1_status: "Completed" }, "INVALID_OPTION", "level_a1_status"],
    [
      "a date at a non-midnight epoch",
      { last_activity_date_global: String(Date.UTC(2024, 2, 5, 13, 30)) },
      "INVALID_DATE",
      "last_activity_date_global",
    ],
    [
      "a date with a time",
      { last_activity_date_global: "2024-03-05T00:00:00Z" },
      "INVALID_DATE",
      "last_activity_date_global",
    ],
    [
      "an impossible calendar date",
      { last_activity_date_global: "2024-02-30" },
      "INVALID_DATE",
      "last_activity_date_global",
    ],
    ["a read-only property", { hs_object_id: "77" }, "READ_ONLY_VALUE", "hs_object_id"],
  ])("refuses %s", async (_case, properties, code, propertyName) => {
    const answer = await upsertRaw([
      upsertInput("ok@example.com", { level_a1_units_completed: "1" }),
      upsertInput("a@example.com", properties),
    ]);
    expect(answer.status).toBe(400);
    const body = answer.body as ValidationBody;
    expect(body.message).toContain(code);
    expect(body.errors[0]).toMatchObject({
      code,
      context: { propertyName: [propertyName], inputIndex: ["1"], id: ["a@example.com"] },
    });
    expect(harness.standIn.state.contactCount()).toBe(0);
  });

  it("explains the midnight rule in the date error", async () => {
    const answer = await upsertRaw([
      upsertInput("a@example.com", { last_activity_date_global: String(Date.UTC(2024, 2, 5, 13, 30)) }),
    ]);
    expect((answer.body as ValidationBody).message).toContain("not midnight");
  });

  it.each([
    ["a number", 12],
    ["a boolean", true],
    ["null", null],
  ])("refuses a property value that is %s (values are strings)", async (_case, value) => {
    const answer = await upsertRaw([
      upsertInput("a@example.com", { level_a1_units_completed: value as unknown as string }),
    ]);
    expect(answer.status).toBe(400);
    const body = answer.body as ValidationBody;
    expect(body.category).toBe("VALIDATION_ERROR");
    expect(body.errors[0]).toMatchObject({
      in: "inputs[0].properties.level_a1_units_completed",
      context: { propertyName: ["level_a1_units_completed"], inputIndex: ["0"] },
    });
  });

  it("accepts ;-separated values of a multi-select (checkbox) enumeration", async () => {
    await harness.client.crm.properties.coreApi.create("contacts", {
      name: "enabled_levels",
      label: "Levels",
      type: PropertyType.Enumeration,
      fieldType: FieldType.Checkbox,
      groupName: "level_progress",
      options: ["a1", "a2", "b1"].map((value, index) => ({ label: value, value, displayOrder: index, hidden: false })),
    });
    const ok = await upsertRaw([upsertInput("a@example.com", { enabled_levels: "a1;b1" })]);
    expect(ok.status).toBe(200);
    const bad = await upsertRaw([upsertInput("a@example.com", { enabled_levels: "a1;c2" })]);
    expect(bad.status).toBe(400);
    expect((bad.body as ValidationBody).message).toContain("c2");
  });
});

describe("batch update", () => {
  it("updates by hs_object_id and by email, and reports a missing id per row (207)", async () => {
    await harness.client.crm.contacts.batchApi.upsert({
      inputs: [upsertInput("ann@example.com"), upsertInput("bob@example.com")],
    });
    const answer = await callRaw(harness.standIn, "POST", "/crm/v3/objects/contacts/batch/update", {
      body: {
        inputs: [
          { id: "1", properties: { level_a1_status: "in_progress" } },
          { id: "BOB@example.com", idProperty: "email", properties: { level_a1_units_completed: "4" } },
          { id: "999", properties: { firstname: "Nobody" } },
        ],
      },
    });
    expect(answer.status).toBe(207);
    expect(answer.body).toMatchObject({
      results: [
        { id: "1", properties: { level_a1_status: "in_progress" } },
        { id: "2", properties: { level_a1_units_completed: "4" } },
      ],
      numErrors: 1,
      errors: [{ category: "OBJECT_NOT_FOUND", context: { id: ["999"] } }],
    });
    expect(answer.body).not.toHaveProperty("results.0.new");
    expect(harness.standIn.state.getContact("1")?.properties.level_a1_status).toBe("in_progress");
  });

  it("answers 200 through the SDK when all ids exist, and bumps lastmodifieddate", async () => {
    await harness.client.crm.contacts.batchApi.upsert({ inputs: [upsertInput("ann@example.com")] });
    const before = harness.standIn.state.getContact("1")?.properties.lastmodifieddate ?? "";
    await new Promise((resolve) => setTimeout(resolve, 5));
    const answer = await harness.client.crm.contacts.batchApi.updateWithHttpInfo({
      inputs: [{ id: "1", properties: { firstname: "Ann" } }],
    });
    expect(answer.httpStatusCode).toBe(200);
    expect(Date.parse(harness.standIn.state.getContact("1")?.properties.lastmodifieddate ?? "")).toBeGreaterThan(
      Date.parse(before),
    );
  });

  it("refuses duplicate ids and bad values as a whole", async () => {
    await harness.client.crm.contacts.batchApi.upsert({ inputs: [upsertInput("ann@example.com")] });
    const duplicate = await sdkFailure(
      harness.client.crm.contacts.batchApi.update({
        inputs: [
          { id: "1", properties: {} },
          { id: "1", properties: {} },
        ],
      }),
    );
    expect(duplicate.code).toBe(400);
    const badValue = await sdkFailure(
      harness.client.crm.contacts.batchApi.update({
        inputs: [{ id: "1", properties: { level_a1_status: "finished" } }],
      }),
    );
    expect(badValue.code).toBe(400);
    expect(harness.standIn.state.getContact("1")?.properties).not.toHaveProperty("level_a1_status");
  });

  it("refuses the whole batch (409 CONFLICT) for an email change to an address another contact has", async () => {
    await harness.client.crm.contacts.batchApi.upsert({
      inputs: [upsertInput("ann@example.com"), upsertInput("bob@example.com")],
    });
    const answer = await callRaw(harness.standIn, "POST", "/crm/v3/objects/contacts/batch/update", {
      body: {
        inputs: [
          { id: "1", properties: { firstname: "Ann" } },
          { id: "2", properties: { email: "ANN@example.com" } },
        ],
      },
    });
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({
      status: "error",
      category: "CONFLICT",
      message: "Contact already exists. Existing ID: 1",
    });
    expect(harness.standIn.state.getContact("2")?.properties.email).toBe("bob@example.com");
    expect(harness.standIn.state.getContact("1")?.properties).not.toHaveProperty("firstname");
  });
});
