import {
  PropertyCreateFieldTypeEnum as FieldType,
  PropertyCreateTypeEnum as PropertyType,
} from "@hubspot/api-client/lib/codegen/crm/properties";
import { describe, expect, it } from "vitest";
import {
  callRaw,
  createLevelProperties,
  levelProgressGroup,
  sdkFailure,
  setUpStandIn,
} from "@/test/support/hubspot/stand-in-test-support";

const harness = setUpStandIn();

const statusProperty = {
  name: "level_a1_status",
  label: "Level A1 status",
  type: PropertyType.Enumeration,
  fieldType: FieldType.Select,
  groupName: "level_progress",
  options: [
    { label: "Not started", value: "not_started", displayOrder: 0, hidden: false },
    { label: "Completed", value: "completed", displayOrder: 1, hidden: false },
  ],
};

describe("seeded portal", () => {
  it("lists HubSpot's standard contact properties in the Contact information group, in HubSpot's JSON shape", async () => {
    const answer = await callRaw(harness.standIn, "GET", "/crm/v3/properties/contacts");
    expect(answer.status).toBe(200);
    const { results } = answer.body as { results: Array<Record<string, unknown>> };
    const names = results.map((property) => property.name);
    for (const name of [
      "email",
      "firstname",
      "lastname",
      "phone",
      "company",
      "lifecyclestage",
      "hs_object_id",
      "createdate",
      "lastmodifieddate",
    ]) {
      expect(names).toContain(name);
    }
    const email = results.find((property) => property.name === "email");
    expect(email).toMatchObject({
      label: "Email",
      type: "string",
      fieldType: "text",
      groupName: "contactinformation",
      options: [],
      calculated: false,
      externalOptions: false,
      hasUniqueValue: false,
      hidden: false,
      formField: true,
      archived: false,
      hubspotDefined: true,
      modificationMetadata: { archivable: false, readOnlyDefinition: true, readOnlyValue: false },
    });
    expect(typeof email?.description).toBe("string");
    expect(typeof email?.displayOrder).toBe("number");
    expect(Date.parse(String(email?.createdAt))).not.toBeNaN();
    expect(Date.parse(String(email?.updatedAt))).not.toBeNaN();
  });

  it("seeds lifecyclestage as an enumeration with HubSpot's stages", async () => {
    const property = await harness.client.crm.properties.coreApi.getByName("contacts", "lifecyclestage");
    expect(property.type).toBe("enumeration");
    expect(property.options.map((option) => option.value)).toEqual([
      "subscriber",
      "lead",
      "marketingqualifiedlead",
      "salesqualifiedlead",
      "opportunity",
      "customer",
      "evangelist",
      "other",
    ]);
  });

  it("seeds the contactinformation group", async () => {
    const group = await harness.client.crm.properties.groupsApi.getByName("contacts", "contactinformation");
    expect(group).toMatchObject({ name: "contactinformation", label: "Contact information", archived: false });
  });

  it("accepts the object type id 0-1 for contacts and rejects other object types", async () => {
    const byId = await harness.client.crm.properties.coreApi.getByName("0-1", "email");
    expect(byId.name).toBe("email");
    const failure = await sdkFailure(harness.client.crm.properties.coreApi.getAll("companies"));
    expect(failure.code).toBe(400);
    expect(failure.body.message).toContain("companies");
  });
});

describe("property groups", () => {
  it("creates a group (201), reads it, lists it and updates it", async () => {
    const created = await callRaw(harness.standIn, "POST", "/crm/v3/properties/contacts/groups", {
      body: levelProgressGroup(),
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      name: "level_progress",
      label: "Level Progress",
      displayOrder: -1,
      archived: false,
    });

    const read = await harness.client.crm.properties.groupsApi.getByName("contacts", "level_progress");
    expect(read.label).toBe("Level Progress");
    const all = await harness.client.crm.properties.groupsApi.getAll("contacts");
    expect(all.results.map((group) => group.name)).toEqual(["contactinformation", "level_progress"]);

    const updated = await harness.client.crm.properties.groupsApi.update("contacts", "level_progress", {
      label: "Level progress (synced)",
      displayOrder: 3,
    });
    expect(updated).toMatchObject({ label: "Level progress (synced)", displayOrder: 3 });
    expect((await harness.client.crm.properties.groupsApi.getByName("contacts", "level_progress")).label).toBe(
      "Level progress (synced)",
    );
  });

  it("answers 409 OBJECT_ALREADY_EXISTS for an existing group", async () => {
    await harness.client.crm.properties.groupsApi.create("contacts", levelProgressGroup());
    const failure = await sdkFailure(harness.client.crm.properties.groupsApi.create("contacts", levelProgressGroup()));
    expect(failure.code).toBe(409);
    expect(failure.body).toMatchObject({ category: "OBJECT_ALREADY_EXISTS" });
  });

  it("answers 404 for an unknown group and on PATCH of an unknown group", async () => {
    expect((await sdkFailure(harness.client.crm.properties.groupsApi.getByName("contacts", "nope"))).code).toBe(404);
    expect(
      (await sdkFailure(harness.client.crm.properties.groupsApi.update("contacts", "nope", { label: "x" }))).code,
    ).toBe(404);
  });

  it("rejects an invalid group name with 400", async () => {
    const failure = await sdkFailure(
      harness.client.crm.properties.groupsApi.create("contacts", { name: "Level Progress", label: "Level Progress" }),
    );
    expect(failure.code).toBe(400);
    expect(failure.body.category).toBe("VALIDATION_ERROR");
  });
});

describe("property definitions", () => {
  it("creates a property with 201 and returns the full property JSON", async () => {
    await harness.client.crm.properties.groupsApi.create("contacts", levelProgressGroup());
    const answer = await callRaw(harness.standIn, "POST", "/crm/v3/properties/contacts", { body: statusProperty });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      name: "level_a1_status",
      label: "Level A1 status",
      type: "enumeration",
      fieldType: "select",
      groupName: "level_progress",
      description: "",
      options: statusProperty.options,
      displayOrder: -1,
      calculated: false,
      externalOptions: false,
      hasUniqueValue: false,
      hidden: false,
      formField: false,
      archived: false,
      modificationMetadata: { archivable: true, readOnlyDefinition: false, readOnlyValue: false },
    });
    expect(answer.body).not.toHaveProperty("hubspotDefined");
    const read = await harness.client.crm.properties.coreApi.getByName("contacts", "level_a1_status");
    expect(read.options).toHaveLength(2);
  });

  it("answers 409 with HubSpot's message when the property already exists", async () => {
    await harness.client.crm.properties.groupsApi.create("contacts", levelProgressGroup());
    await harness.client.crm.properties.coreApi.create("contacts", statusProperty);
    const failure = await sdkFailure(harness.client.crm.properties.coreApi.create("contacts", statusProperty));
    expect(failure.code).toBe(409);
    expect(failure.body).toMatchObject({
      status: "error",
      message: "Property named 'level_a1_status' already exists.",
      category: "OBJECT_ALREADY_EXISTS",
    });
    expect(typeof failure.body.correlationId).toBe("string");
  });

  it.each([
    ["an unknown group", { ...statusProperty, groupName: "missing_group" }, "missing_group"],
    [
      "a fieldType the type does not support",
      { ...statusProperty, name: "x_number", type: PropertyType.Number, fieldType: FieldType.Select, options: [] },
      "fieldType 'select'",
    ],
    ["an enumeration without options", { ...statusProperty, options: [] }, "at least one option"],
    ["an upper-case name", { ...statusProperty, name: "Level_A1" }, "Level_A1"],
    ["a name with a dash", { ...statusProperty, name: "level-a1" }, "level-a1"],
    ["the reserved hs_ prefix", { ...statusProperty, name: "hs_level" }, "hs_"],
    [
      "duplicate option values",
      {
        ...statusProperty,
        options: [...statusProperty.options, { label: "Again", value: "completed", displayOrder: 2, hidden: false }],
      },
      "more than once",
    ],
  ])("rejects %s with 400", async (_case, input, fragment) => {
    await harness.client.crm.properties.groupsApi.create("contacts", levelProgressGroup());
    const failure = await sdkFailure(harness.client.crm.properties.coreApi.create("contacts", input));
    expect(failure.code).toBe(400);
    expect(failure.body.category).toBe("VALIDATION_ERROR");
    expect(String(failure.body.message)).toContain(fragment);
    expect((await callRaw(harness.standIn, "GET", `/crm/v3/properties/contacts/${input.name}`)).status).toBe(404);
  });

  it("rejects an unknown property type by shape (zod) with 400", async () => {
    await harness.client.crm.properties.groupsApi.create("contacts", levelProgressGroup());
    const answer = await callRaw(harness.standIn, "POST", "/crm/v3/properties/contacts", {
      body: { ...statusProperty, type: "integer" },
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ category: "VALIDATION_ERROR" });
    expect(String((answer.body as { message: string }).message)).toContain("type");
  });

  it("answers 404 for an unknown property", async () => {
    const failure = await sdkFailure(harness.client.crm.properties.coreApi.getByName("contacts", "level_zz_status"));
    expect(failure.code).toBe(404);
    expect(failure.body.category).toBe("OBJECT_NOT_FOUND");
  });

  it("updates label, description, displayOrder, group and options with PATCH", async () => {
    await createLevelProperties(harness.standIn);
    await harness.client.crm.properties.groupsApi.create("contacts", { name: "other_group", label: "Other" });
    const options = [
      { label: "Not started", value: "not_started", displayOrder: 0, hidden: false },
      { label: "In progress", value: "in_progress", displayOrder: 1, hidden: false },
      { label: "Completed", value: "completed", displayOrder: 2, hidden: false },
      { label: "Paused", value: "paused", displayOrder: 3, hidden: false },
    ];
    const updated = await harness.client.crm.properties.coreApi.update("contacts", "level_a1_status", {
      label: "A1 status",
      description: "Where the learner is",
      displayOrder: 7,
      groupName: "other_group",
      options,
    });
    expect(updated).toMatchObject({
      label: "A1 status",
      description: "Where the learner is",
      displayOrder: 7,
      groupName: "other_group",
    });
    const read = await harness.client.crm.properties.coreApi.getByName("contacts", "level_a1_status");
    expect(read.options.map((option) => option.value)).toEqual(["not_started", "in_progress", "completed", "paused"]);
    expect(read.updatedAt?.getTime()).toBeGreaterThanOrEqual(read.createdAt?.getTime() ?? Infinity);
  });

  it("changes type and fieldType with PATCH when the pair is valid, and refuses an invalid pair", async () => {
    await createLevelProperties(harness.standIn);
    const changed = await harness.client.crm.properties.coreApi.update("contacts", "level_a1_accuracy", {
      type: PropertyType.String as never,
      fieldType: FieldType.Text as never,
    });
    expect(changed).toMatchObject({ type: "string", fieldType: "text" });
    const failure = await sdkFailure(
      harness.client.crm.properties.coreApi.update("contacts", "level_a1_accuracy", {
        fieldType: FieldType.Date as never,
      }),
    );
    expect(failure.code).toBe(400);
  });

  it("refuses PATCH to an unknown group, of a HubSpot read-only definition, and of a missing property", async () => {
    await createLevelProperties(harness.standIn);
    expect(
      (
        await sdkFailure(
          harness.client.crm.properties.coreApi.update("contacts", "level_a1_status", { groupName: "nope" }),
        )
      ).code,
    ).toBe(400);
    expect(
      (await sdkFailure(harness.client.crm.properties.coreApi.update("contacts", "email", { label: "Mail" }))).code,
    ).toBe(400);
    expect(
      (await sdkFailure(harness.client.crm.properties.coreApi.update("contacts", "missing_prop", { label: "x" }))).code,
    ).toBe(404);
  });

  it("batch-creates with 201 when all are new and 207 with per-row errors when some exist", async () => {
    await harness.client.crm.properties.groupsApi.create("contacts", levelProgressGroup());
    const first = await callRaw(harness.standIn, "POST", "/crm/v3/properties/contacts/batch/create", {
      body: { inputs: [statusProperty] },
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: "COMPLETE", results: [{ name: "level_a1_status" }] });
    expect(first.body).not.toHaveProperty("errors");

    const units = {
      name: "level_a1_units_completed",
      label: "Units",
      type: "number",
      fieldType: "number",
      groupName: "level_progress",
    };
    const second = await harness.client.crm.properties.batchApi.createWithHttpInfo("contacts", {
      inputs: [statusProperty, units as never],
    });
    expect(second.httpStatusCode).toBe(207);
    expect(second.data.results.map((property) => property.name)).toEqual(["level_a1_units_completed"]);
    const raw = await callRaw(harness.standIn, "POST", "/crm/v3/properties/contacts/batch/create", {
      body: { inputs: [statusProperty] },
    });
    expect(raw.status).toBe(207);
    expect(raw.body).toMatchObject({
      status: "COMPLETE",
      results: [],
      numErrors: 1,
      errors: [
        {
          status: "error",
          category: "OBJECT_ALREADY_EXISTS",
          message: "Property named 'level_a1_status' already exists.",
          context: { name: ["level_a1_status"] },
        },
      ],
    });
  });

  it("batch-create refuses more than 100 inputs as a whole", async () => {
    await harness.client.crm.properties.groupsApi.create("contacts", levelProgressGroup());
    const inputs = Array.from({ length: 101 }, (_, index) => ({
      name: `p_${index}`,
      label: `P ${index}`,
      type: "string",
      fieldType: "text",
      groupName: "level_progress",
    }));
    const answer = await callRaw(harness.standIn, "POST", "/crm/v3/properties/contacts/batch/create", {
      body: { inputs },
    });
    expect(answer.status).toBe(400);
    expect(String((answer.body as { message: string }).message)).toContain("100");
    expect((await callRaw(harness.standIn, "GET", "/crm/v3/properties/contacts/p_0")).status).toBe(404);
  });

  it("batch-reads properties by name: 200 when all exist, 207 naming the missing ones", async () => {
    const all = await harness.client.crm.properties.batchApi.readWithHttpInfo("contacts", {
      archived: false,
      inputs: [{ name: "email" }, { name: "firstname" }],
    });
    expect(all.httpStatusCode).toBe(200);
    expect(all.data.results.map((property) => property.name)).toEqual(["email", "firstname"]);
    const some = await callRaw(harness.standIn, "POST", "/crm/v3/properties/contacts/batch/read", {
      body: { inputs: [{ name: "email" }, { name: "level_a1_status" }] },
    });
    expect(some.status).toBe(207);
    expect(some.body).toMatchObject({
      results: [{ name: "email" }],
      numErrors: 1,
      errors: [{ category: "OBJECT_NOT_FOUND", context: { name: ["level_a1_status"] } }],
    });
  });

  it("lists no archived properties (none are archived)", async () => {
    const archived = await harness.client.crm.properties.coreApi.getAll("contacts", true);
    expect(archived.results).toEqual([]);
  });
});
