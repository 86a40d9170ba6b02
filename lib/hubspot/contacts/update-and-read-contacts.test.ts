/**
 * batch/update by id, batch/read and result matching against the stand-in through the real
 * @hubspot/api-client: a 409 CONFLICT is narrowed down to the row that caused it, an archived id
 * fails only its own row, and shuffled answers are matched back to inputs by learner_id.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_TOKEN, type HubSpotStandIn, startHubSpotStandIn } from "@/sandbox/hubspot/server";
import { denyExternalNetwork } from "@/test/support/hubspot/hubspot-test-helpers";
import { createHubSpotClient, type HubSpotClient } from "../client";
import { applyPropertyPlan } from "../properties/apply-property-plan";
import { planProperties } from "../properties/plan-properties";

let standIn: HubSpotStandIn;
let network: ReturnType<typeof denyExternalNetwork>;

beforeAll(async () => {
  network = denyExternalNetwork();
  standIn = await startHubSpotStandIn({ batchResultOrder: "shuffled" });
});
afterAll(async () => {
  await standIn.stop();
  network.restore();
});
beforeEach(async () => {
  standIn.reset();
  const client = connect();
  await applyPropertyPlan(client, await planProperties(client, ["a1"]));
  standIn.clearRequests();
});
afterEach(() => expect(network.violations).toEqual([]));

function connect(): HubSpotClient {
  return createHubSpotClient({ accessToken: DEFAULT_TOKEN, baseUrl: standIn.url, ratePer10s: 100, sleep: async () => {} });
}

function learner(index: number, status = "in_progress") {
  return { idProperty: "email" as const, id: `learner${index}@example.com`, properties: { level_a1_status: status, learner_id: `u-${index}` } };
}

async function seed(client: HubSpotClient, count: number): Promise<Map<string, string>> {
  const answer = await client.upsertContacts({ inputs: Array.from({ length: count }, (_, index) => learner(index)) });
  expect(answer.failed).toEqual([]);
  return new Map(answer.succeeded.map((row) => [row.id, row.hubspotId]));
}

function calls(path: string) {
  return standIn.requests().filter((entry) => entry.path === `/crm/v3/objects/contacts/batch/${path}`);
}

describe("contacts by id against the stand-in", () => {
  it("matches shuffled upsert results to their inputs by learner_id", async () => {
    const client = connect();
    const ids = await seed(client, 12);
    for (const [email, id] of ids) expect(standIn.state.getContact(id)?.properties.email).toBe(email);
  });

  it("changes emails by id, keeping the contact ids, and narrows a 409 to the one conflicting row", async () => {
    const client = connect();
    const ids = await seed(client, 10);
    const outsider = standIn.createContact({ email: "taken@example.com", properties: { firstname: "Not a learner" } });
    standIn.clearRequests();
    const inputs = Array.from({ length: 10 }, (_, index) => ({
      id: ids.get(`learner${index}@example.com`)!,
      properties: { email: index === 6 ? "taken@example.com" : `new${index}@example.com`, level_a1_status: "completed", learner_id: `u-${index}` },
    }));
    const answer = await client.updateContacts({ inputs });
    expect(answer.failed).toEqual([{ id: inputs[6]!.id, kind: "email_conflict", message: `Contact already exists. Existing ID: ${outsider.id}`, existingId: outsider.id }]);
    expect(answer.succeeded.map((row) => [row.id, row.hubspotId]).sort()).toEqual(inputs.filter((_, index) => index !== 6).map((input) => [input.id, input.id]).sort());
    expect(standIn.state.getContact(inputs[0]!.id)?.properties).toMatchObject({ email: "new0@example.com", level_a1_status: "completed" });
    // Nothing written to either contact of the conflict.
    expect(standIn.state.getContact(inputs[6]!.id)?.properties).toMatchObject({ email: "learner6@example.com", level_a1_status: "in_progress" });
    expect(standIn.inspectContact(outsider.id)?.properties).toEqual(outsider.properties);
    // Bisection of 10 rows down to 1: 1 + 2 per level over ⌈log2 10⌉ = 4 levels at most.
    const statuses = calls("update").map((entry) => entry.status);
    expect(statuses.filter((status) => status === 409).length).toBeLessThanOrEqual(5);
    expect(statuses.length).toBeLessThanOrEqual(9);
  });

  it("fails only the archived id's row as not_found", async () => {
    const client = connect();
    const ids = await seed(client, 3);
    const gone = ids.get("learner1@example.com")!;
    standIn.archiveContact(gone);
    const answer = await client.updateContacts({ inputs: [...ids.values()].map((id) => ({ id, properties: { level_a1_status: "completed" } })) });
    expect(answer.failed).toMatchObject([{ id: gone, kind: "not_found" }]);
    expect(answer.succeeded).toHaveLength(2);
  });

  it("reads by id: a merged id answers with the survivor, an archived one is missing", async () => {
    const client = connect();
    const ids = await seed(client, 3);
    const [a, b, c] = [...ids.values()] as [string, string, string];
    standIn.mergeContacts(b, a);
    standIn.archiveContact(c);
    const read = await client.readContacts({ ids: [a, b, c], properties: ["email", "level_a1_status", "learner_id"] });
    expect(read.missing).toEqual([c]);
    expect(read.found.map((record) => record.id)).toEqual([b]);
    expect(calls("read")).toHaveLength(1);
    await expect(client.readContacts({ ids: Array.from({ length: 101 }, (_, index) => String(index)), properties: [] })).rejects.toThrow(RangeError);
  });
});
