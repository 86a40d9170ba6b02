/**
 * batch/update by id, batch/read and result matching against the stand-in through the real
 * @hubspot/api-client: a 409 CONFLICT is narrowed down to the row that caused it, an archived id
 * fails only its own row, and shuffled answers are matched back to inputs by learner_id.
 */
import { describe, expect, it } from "vitest";
import {
  applyLevelPropertiesBeforeEach,
  connectToStandIn,
  setUpGuardedStandIn,
} from "@/test/support/hubspot/hubspot-test-helpers";
import type { HubSpotClient } from "../client";

const hub = setUpGuardedStandIn({ batchResultOrder: "shuffled" });
applyLevelPropertiesBeforeEach(hub);

function connect(): HubSpotClient {
  return connectToStandIn(hub.standIn);
}

function learner(index: number, status = "in_progress") {
  return {
    idProperty: "email" as const,
    id: `learner${index}@example.com`,
    properties: { level_a1_status: status, learner_id: `u-${index}` },
  };
}

async function seed(client: HubSpotClient, count: number): Promise<Map<string, string>> {
  const answer = await client.upsertContacts({ inputs: Array.from({ length: count }, (_, index) => learner(index)) });
  expect(answer.failed).toEqual([]);
  return new Map(answer.succeeded.map((row) => [row.id, row.hubspotId]));
}

function calls(path: string) {
  return hub.standIn.requests().filter((entry) => entry.path === `/crm/v3/objects/contacts/batch/${path}`);
}

describe("contacts by id against the stand-in", () => {
  it("matches shuffled upsert results to their inputs by learner_id", async () => {
    const client = connect();
    const ids = await seed(client, 12);
    for (const [email, id] of ids) expect(hub.standIn.state.getContact(id)?.properties.email).toBe(email);
  });

  it("changes emails by id, keeping the contact ids, and narrows a 409 to the one conflicting row", async () => {
    const client = connect();
    const ids = await seed(client, 10);
    const outsider = hub.standIn.createContact({
      email: "taken@example.com",
      properties: { firstname: "Not a learner" },
    });
    hub.standIn.clearRequests();
    const inputs = Array.from({ length: 10 }, (_, index) => ({
      id: ids.get(`learner${index}@example.com`)!,
      properties: {
        email: index === 6 ? "taken@example.com" : `new${index}@example.com`,
        level_a1_status: "completed",
        learner_id: `u-${index}`,
      },
    }));
    const answer = await client.updateContacts({ inputs });
    expect(answer.failed).toEqual([
      {
        id: inputs[6]!.id,
        kind: "email_conflict",
        message: `Contact already exists. Existing ID: ${outsider.id}`,
        existingId: outsider.id,
      },
    ]);
    expect(answer.succeeded.map((row) => [row.id, row.hubspotId]).sort()).toEqual(
      inputs
        .filter((_, index) => index !== 6)
        .map((input) => [input.id, input.id])
        .sort(),
    );
    expect(hub.standIn.state.getContact(inputs[0]!.id)?.properties).toMatchObject({
      email: "new0@example.com",
      level_a1_status: "completed",
    });
    // Nothing written to either contact of the conflict.
    expect(hub.standIn.state.getContact(inputs[6]!.id)?.properties).toMatchObject({
      email: "learner6@example.com",
      level_a1_status: "in_progress",
    });
    expect(hub.standIn.inspectContact(outsider.id)?.properties).toEqual(outsider.properties);
    // Bisection of 10 rows down to 1: 1 + 2 per level over ⌈log2 10⌉ = 4 levels at most.
    const statuses = calls("update").map((entry) => entry.status);
    expect(statuses.filter((status) => status === 409).length).toBeLessThanOrEqual(5);
    expect(statuses.length).toBeLessThanOrEqual(9);
  });

  it("fails only the archived id's row as not_found", async () => {
    const client = connect();
    const ids = await seed(client, 3);
    const gone = ids.get("learner1@example.com")!;
    hub.standIn.archiveContact(gone);
    const answer = await client.updateContacts({
      inputs: [...ids.values()].map((id) => ({ id, properties: { level_a1_status: "completed" } })),
    });
    expect(answer.failed).toMatchObject([{ id: gone, kind: "not_found" }]);
    expect(answer.succeeded).toHaveLength(2);
  });

  it("reads by id: a merged id answers with the survivor, an archived one is missing", async () => {
    const client = connect();
    const ids = await seed(client, 3);
    const [a, b, c] = [...ids.values()] as [string, string, string];
    hub.standIn.mergeContacts(b, a);
    hub.standIn.archiveContact(c);
    const read = await client.readContacts({ ids: [a, b, c], properties: ["email", "level_a1_status", "learner_id"] });
    expect(read.missing).toEqual([c]);
    expect(read.found.map((record) => record.id)).toEqual([b]);
    expect(calls("read")).toHaveLength(1);
    await expect(
      client.readContacts({ ids: Array.from({ length: 101 }, (_, index) => String(index)), properties: [] }),
    ).rejects.toThrow(RangeError);
  });
});
