/**
 * The stand-in must not depend on the SDK: the same calls made with plain fetch get the same
 * statuses, bodies and resulting state as through @hubspot/api-client.
 */
import { FilterOperatorEnum } from "@hubspot/api-client/lib/codegen/crm/contacts";
import {
  PropertyCreateFieldTypeEnum as FieldType,
  PropertyCreateTypeEnum as PropertyType,
} from "@hubspot/api-client/lib/codegen/crm/properties";
import { describe, expect, it } from "vitest";
import type { StoreSnapshot } from "./model";
import { callRaw, sdkFailure, setUpStandIn } from "@/test/support/hubspot/stand-in-test-support";

const harness = setUpStandIn();

const group = { name: "level_progress", label: "Level Progress", displayOrder: -1 };
const statusProperty = {
  name: "level_a1_status",
  label: "Level A1 status",
  type: PropertyType.Enumeration,
  fieldType: FieldType.Select,
  groupName: "level_progress",
  options: [
    { label: "In progress", value: "in_progress", displayOrder: 0, hidden: false },
    { label: "Completed", value: "completed", displayOrder: 1, hidden: false },
  ],
};
const goodAndBadEmails: { inputs: Array<{ idProperty: string; id: string; properties: Record<string, string> }> } = {
  inputs: [
    { idProperty: "email", id: "Ann@Example.com", properties: { level_a1_status: "completed" } },
    { idProperty: "email", id: "not-an-email", properties: {} },
  ],
};
const badOption = { inputs: [{ idProperty: "email", id: "bob@example.com", properties: { level_a1_status: "done" } }] };
const update = { inputs: [{ id: "1", properties: { firstname: "Ann" } }] };
const readSome = { inputs: [{ id: "1" }, { id: "99" }], properties: ["firstname"], propertiesWithHistory: [] };
const searchByEmail = {
  filterGroups: [{ filters: [{ propertyName: "email", operator: FilterOperatorEnum.Eq, value: "ann@example.com" }] }],
  properties: ["firstname"],
};

interface Step {
  status: number;
  body: unknown;
}

async function throughSdk(): Promise<Step[]> {
  const { client } = harness;
  const ok = async (call: Promise<{ httpStatusCode: number; data: unknown }>) => {
    const answer = await call;
    return { status: answer.httpStatusCode, body: answer.data };
  };
  const failed = async (call: Promise<unknown>) => {
    const failure = await sdkFailure(call);
    return { status: failure.code, body: failure.body };
  };
  const account = await client.apiRequest({ method: "GET", path: "/account-info/v3/details" });
  return [
    await ok(client.crm.properties.groupsApi.createWithHttpInfo("contacts", group)),
    await ok(client.crm.properties.coreApi.createWithHttpInfo("contacts", statusProperty)),
    await failed(client.crm.properties.coreApi.create("contacts", statusProperty)),
    await ok(client.crm.contacts.batchApi.upsertWithHttpInfo(goodAndBadEmails)),
    await failed(client.crm.contacts.batchApi.upsert(badOption)),
    await ok(client.crm.contacts.batchApi.updateWithHttpInfo(update)),
    await ok(client.crm.contacts.batchApi.readWithHttpInfo(readSome)),
    await ok(client.crm.contacts.searchApi.doSearchWithHttpInfo(searchByEmail)),
    await failed(client.crm.contacts.basicApi.getById("42")),
    { status: account.status, body: await account.json() },
  ];
}

async function throughFetch(): Promise<Step[]> {
  const steps: Array<[string, string, unknown?]> = [
    ["POST", "/crm/v3/properties/contacts/groups", group],
    ["POST", "/crm/v3/properties/contacts", statusProperty],
    ["POST", "/crm/v3/properties/contacts", statusProperty],
    ["POST", "/crm/v3/objects/contacts/batch/upsert", goodAndBadEmails],
    ["POST", "/crm/v3/objects/contacts/batch/upsert", badOption],
    ["POST", "/crm/v3/objects/contacts/batch/update", update],
    ["POST", "/crm/v3/objects/contacts/batch/read", readSome],
    ["POST", "/crm/v3/objects/contacts/search", searchByEmail],
    ["GET", "/crm/v3/objects/contacts/42"],
    ["GET", "/account-info/v3/details"],
  ];
  const answers: Step[] = [];
  for (const [method, path, body] of steps) {
    const answer = await callRaw(harness.standIn, method, path, body === undefined ? {} : { body });
    answers.push({ status: answer.status, body: answer.body });
  }
  return answers;
}

/** Timestamps and correlation ids differ run to run; everything else must match. */
function withoutVolatile(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key, field: unknown) => {
    if (
      [
        "createdAt",
        "updatedAt",
        "startedAt",
        "completedAt",
        "createdate",
        "lastmodifieddate",
        "correlationId",
        "propertyUpdatedAt",
      ].includes(key)
    )
      return undefined;
    return field;
  });
}

function stateWithoutTimestamps(snapshot: StoreSnapshot): unknown {
  return withoutVolatile(snapshot);
}

describe("plain fetch vs the SDK", () => {
  it("gets the same statuses, bodies and resulting state", async () => {
    const sdk = await throughSdk();
    const sdkState = stateWithoutTimestamps(harness.standIn.state.snapshot());
    harness.standIn.reset();
    const plain = await throughFetch();
    const plainState = stateWithoutTimestamps(harness.standIn.state.snapshot());

    expect(plain.map((step) => step.status)).toEqual([201, 201, 409, 207, 400, 200, 207, 200, 404, 200]);
    expect(sdk.map((step) => step.status)).toEqual(plain.map((step) => step.status));
    // The SDK maps bodies onto its models (dropping fields they lack, renaming `new`): every field it kept must match.
    sdk.forEach((step, index) => {
      const sdkBody = JSON.parse(JSON.stringify(withoutVolatile(step.body)).replaceAll('"_new"', '"new"')) as object;
      expect(withoutVolatile(plain[index]?.body)).toMatchObject(sdkBody);
    });
    expect(plainState).toEqual(sdkState);
  });
});

describe("what only raw HTTP can send", () => {
  it("answers malformed JSON with 400 VALIDATION_ERROR saying so", async () => {
    const answer = await callRaw(harness.standIn, "POST", "/crm/v3/objects/contacts/batch/upsert", {
      rawBody: '{"inputs": [',
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      status: "error",
      category: "VALIDATION_ERROR",
      message: expect.stringMatching(/^Invalid input JSON/),
    });
    expect(harness.standIn.state.contactCount()).toBe(0);
  });

  it("answers a missing body, a wrong shape and unknown fields with 400 naming the problem", async () => {
    const empty = await callRaw(harness.standIn, "POST", "/crm/v3/objects/contacts/batch/upsert");
    expect(empty.status).toBe(400);
    const wrongShape = await callRaw(harness.standIn, "POST", "/crm/v3/objects/contacts/batch/upsert", {
      body: { inputs: [{ idProperty: "email", properties: {} }] },
    });
    expect(wrongShape.status).toBe(400);
    expect(String((wrongShape.body as { message: string }).message)).toContain("inputs[0].id");
    const unknownField = await callRaw(harness.standIn, "POST", "/crm/v3/properties/contacts/groups", {
      body: { ...group, colour: "red" },
    });
    expect(unknownField.status).toBe(400);
    expect(String((unknownField.body as { message: string }).message)).toContain("colour");
  });

  it("answers 405 for a known path with the wrong method and 404 outside the API", async () => {
    expect((await callRaw(harness.standIn, "DELETE", "/crm/v3/objects/contacts/batch/upsert")).status).toBe(405);
    expect((await callRaw(harness.standIn, "GET", "/crm/v3/unknown")).status).toBe(404);
    expect((await callRaw(harness.standIn, "GET", "/favicon.ico", { token: null })).status).toBe(404);
  });

  it("decodes percent-encoded ids in paths", async () => {
    await harness.client.crm.contacts.batchApi.upsert({
      inputs: [{ idProperty: "email", id: "a+b@example.com", properties: {} }],
    });
    const answer = await callRaw(
      harness.standIn,
      "GET",
      `/crm/v3/objects/contacts/${encodeURIComponent("a+b@example.com")}?idProperty=email`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: "1" });
  });
});
