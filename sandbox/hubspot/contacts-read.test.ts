import { FilterOperatorEnum } from "@hubspot/api-client/lib/codegen/crm/contacts";
import { beforeEach, describe, expect, it } from "vitest";
import { callRaw, createLevelProperties, sdkFailure, setUpStandIn } from "@/test/support/hubspot/stand-in-test-support";

const harness = setUpStandIn();

const LEARNERS: Array<{ email: string } & Record<string, string>> = [
  { email: "ann@example.com", firstname: "Ann", level_a1_status: "completed", level_a1_units_completed: "12" },
  { email: "bob@example.com", firstname: "Bob", level_a1_status: "in_progress", level_a1_units_completed: "4" },
  { email: "cat@example.com", firstname: "Cat", level_a1_status: "in_progress", level_a1_units_completed: "9" },
  { email: "dan@example.org", firstname: "Dan", level_a1_status: "not_started", level_a1_units_completed: "0" },
  { email: "eve@example.org", firstname: "Eve" },
];

beforeEach(async () => {
  await createLevelProperties(harness.standIn);
  await harness.client.crm.contacts.batchApi.upsert({
    inputs: LEARNERS.map(({ email, ...properties }) => ({ idProperty: "email", id: email, properties })),
  });
});

describe("GET /crm/v3/objects/contacts", () => {
  it("pages with limit and the after cursor until the last page", async () => {
    const first = await harness.client.crm.contacts.basicApi.getPage(2);
    expect(first.results.map((contact) => contact.id)).toEqual(["1", "2"]);
    const after = first.paging?.next?.after;
    expect(after).toBe("3");
    const second = await harness.client.crm.contacts.basicApi.getPage(2, after);
    expect(second.results.map((contact) => contact.id)).toEqual(["3", "4"]);
    const third = await harness.client.crm.contacts.basicApi.getPage(2, second.paging?.next?.after);
    expect(third.results.map((contact) => contact.id)).toEqual(["5"]);
    expect(third.paging).toBeUndefined();
  });

  it("returns the default properties, or the requested ones (null when unset) plus the system ones", async () => {
    const defaults = await harness.client.crm.contacts.basicApi.getPage(1);
    expect(Object.keys(defaults.results[0]?.properties ?? {}).sort()).toEqual([
      "createdate",
      "email",
      "firstname",
      "hs_object_id",
      "lastmodifieddate",
      "lastname",
    ]);
    const chosen = await harness.client.crm.contacts.basicApi.getPage(10, undefined, [
      "level_a1_status",
      "no_such_property",
    ]);
    const eve = chosen.results.find((contact) => contact.id === "5");
    expect(eve?.properties).toEqual({
      createdate: expect.any(String),
      hs_object_id: "5",
      lastmodifieddate: expect.any(String),
      level_a1_status: null,
    });
  });

  it("accepts comma-separated properties (as browsers and curl send them)", async () => {
    const answer = await callRaw(
      harness.standIn,
      "GET",
      "/crm/v3/objects/contacts?limit=1&properties=firstname,level_a1_status",
    );
    expect(answer.body).toMatchObject({
      results: [{ properties: { firstname: "Ann", level_a1_status: "completed" } }],
    });
  });

  it("refuses limit above 100 and a malformed cursor", async () => {
    expect((await sdkFailure(harness.client.crm.contacts.basicApi.getPage(101))).code).toBe(400);
    expect((await callRaw(harness.standIn, "GET", "/crm/v3/objects/contacts?after=abc")).status).toBe(400);
  });
});

describe("GET /crm/v3/objects/contacts/{id}", () => {
  it("reads by record id and by email with idProperty=email", async () => {
    const byId = await harness.client.crm.contacts.basicApi.getById("2", ["level_a1_status"]);
    expect(byId.properties).toMatchObject({ hs_object_id: "2", level_a1_status: "in_progress" });
    const byEmail = await harness.client.crm.contacts.basicApi.getById(
      "CAT@example.com",
      ["firstname"],
      undefined,
      undefined,
      undefined,
      "email",
    );
    expect(byEmail.id).toBe("3");
    expect(byEmail.properties.firstname).toBe("Cat");
  });

  it("answers 404 OBJECT_NOT_FOUND for an unknown id or email", async () => {
    const unknownId = await sdkFailure(harness.client.crm.contacts.basicApi.getById("404"));
    expect(unknownId.code).toBe(404);
    expect(unknownId.body.category).toBe("OBJECT_NOT_FOUND");
    const unknownEmail = await callRaw(
      harness.standIn,
      "GET",
      "/crm/v3/objects/contacts/zed%40example.com?idProperty=email",
    );
    expect(unknownEmail.status).toBe(404);
  });

  it("returns the current value as the only history entry when propertiesWithHistory is asked for", async () => {
    const answer = await callRaw(
      harness.standIn,
      "GET",
      "/crm/v3/objects/contacts/1?propertiesWithHistory=level_a1_status",
    );
    expect(answer.body).toMatchObject({
      propertiesWithHistory: { level_a1_status: [{ value: "completed", sourceType: "API" }] },
    });
  });
});

describe("POST /crm/v3/objects/contacts/batch/read", () => {
  it("reads by id with the requested properties (200)", async () => {
    const answer = await harness.client.crm.contacts.batchApi.readWithHttpInfo({
      inputs: [{ id: "1" }, { id: "4" }],
      properties: ["level_a1_units_completed"],
      propertiesWithHistory: [],
    });
    expect(answer.httpStatusCode).toBe(200);
    expect(answer.data.results.map((contact) => [contact.id, contact.properties.level_a1_units_completed])).toEqual([
      ["1", "12"],
      ["4", "0"],
    ]);
  });

  it("reads by email and reports the missing ones in a 207", async () => {
    const answer = await callRaw(harness.standIn, "POST", "/crm/v3/objects/contacts/batch/read", {
      body: {
        idProperty: "email",
        inputs: [{ id: "BOB@example.com" }, { id: "nobody@example.com" }],
        properties: ["firstname"],
      },
    });
    expect(answer.status).toBe(207);
    expect(answer.body).toMatchObject({
      status: "COMPLETE",
      results: [{ id: "2", properties: { firstname: "Bob" } }],
      numErrors: 1,
      errors: [{ status: "error", category: "OBJECT_NOT_FOUND", context: { ids: ["nobody@example.com"] } }],
    });
  });

  it("refuses more than 100 inputs", async () => {
    const inputs = Array.from({ length: 101 }, (_, index) => ({ id: String(index + 1) }));
    expect(
      (await callRaw(harness.standIn, "POST", "/crm/v3/objects/contacts/batch/read", { body: { inputs } })).status,
    ).toBe(400);
  });
});

describe("POST /crm/v3/objects/contacts/search", () => {
  const search = (body: Parameters<typeof harness.client.crm.contacts.searchApi.doSearch>[0]) =>
    harness.client.crm.contacts.searchApi.doSearch(body);

  it("finds a contact by email with EQ, case-insensitively", async () => {
    const answer = await search({
      filterGroups: [
        { filters: [{ propertyName: "email", operator: FilterOperatorEnum.Eq, value: "Bob@Example.com" }] },
      ],
      properties: ["email"],
    });
    expect(answer.total).toBe(1);
    expect(answer.results[0]?.id).toBe("2");
    expect(answer.results[0]?.properties.email).toBe("bob@example.com");
  });

  it("supports IN, numeric GT, HAS_PROPERTY, OR between groups and AND within a group", async () => {
    const inStatus = await search({
      filterGroups: [
        {
          filters: [
            { propertyName: "level_a1_status", operator: FilterOperatorEnum.In, values: ["completed", "not_started"] },
          ],
        },
      ],
    });
    expect(inStatus.results.map((contact) => contact.id)).toEqual(["1", "4"]);
    const numeric = await search({
      filterGroups: [
        { filters: [{ propertyName: "level_a1_units_completed", operator: FilterOperatorEnum.Gt, value: "8" }] },
      ],
    });
    expect(numeric.results.map((contact) => contact.id)).toEqual(["1", "3"]);
    const missing = await search({
      filterGroups: [{ filters: [{ propertyName: "level_a1_status", operator: FilterOperatorEnum.NotHasProperty }] }],
    });
    expect(missing.results.map((contact) => contact.id)).toEqual(["5"]);
    const combined = await search({
      filterGroups: [
        {
          filters: [
            { propertyName: "level_a1_status", operator: FilterOperatorEnum.Eq, value: "in_progress" },
            { propertyName: "level_a1_units_completed", operator: FilterOperatorEnum.Lt, value: "5" },
          ],
        },
        { filters: [{ propertyName: "email", operator: FilterOperatorEnum.Eq, value: "eve@example.org" }] },
      ],
    });
    expect(combined.results.map((contact) => contact.id)).toEqual(["2", "5"]);
  });

  it("pages with limit and after, and sorts by a property", async () => {
    const first = await search({
      limit: 2,
      sorts: ["-level_a1_units_completed"],
      properties: ["level_a1_units_completed"],
    });
    expect(first.total).toBe(5);
    expect(first.results.map((contact) => contact.properties.level_a1_units_completed)).toEqual(["12", "9"]);
    expect(first.paging?.next?.after).toBe("2");
    const second = await search({
      limit: 2,
      after: "2",
      sorts: ["-level_a1_units_completed"],
      properties: ["level_a1_units_completed"],
    });
    expect(second.results.map((contact) => contact.properties.level_a1_units_completed)).toEqual(["4", "0"]);
    const last = await search({ limit: 2, after: "4", sorts: ["-level_a1_units_completed"] });
    expect(last.results.map((contact) => contact.id)).toEqual(["5"]);
    expect(last.paging).toBeUndefined();
  });

  it("accepts HubSpot's object form of a sort", async () => {
    const answer = await callRaw(harness.standIn, "POST", "/crm/v3/objects/contacts/search", {
      body: { sorts: [{ propertyName: "firstname", direction: "DESCENDING" }], limit: 1 },
    });
    expect(answer.body).toMatchObject({ results: [{ id: "5" }] });
  });

  it("refuses an unknown filter property, a missing value, more than 200 results per page and two sorts", async () => {
    expect(
      (
        await sdkFailure(
          search({
            filterGroups: [{ filters: [{ propertyName: "nope", operator: FilterOperatorEnum.Eq, value: "x" }] }],
          }),
        )
      ).code,
    ).toBe(400);
    expect(
      (
        await sdkFailure(
          search({ filterGroups: [{ filters: [{ propertyName: "email", operator: FilterOperatorEnum.Eq }] }] }),
        )
      ).code,
    ).toBe(400);
    expect((await sdkFailure(search({ limit: 201 }))).code).toBe(400);
    expect((await sdkFailure(search({ sorts: ["email", "firstname"] }))).code).toBe(400);
  });
});
