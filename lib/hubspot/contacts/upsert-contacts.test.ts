import { describe, expect, it } from "vitest";
import { DEFAULT_TOKEN } from "@/sandbox/hubspot/server";
import { type HubSpotClient, type UpsertBatchBody, type UpsertInput } from "../client";
import { HubSpotError } from "../errors";
import {
  applyLevelPropertiesBeforeEach,
  connectToStandIn,
  setUpGuardedStandIn,
} from "@/test/support/hubspot/hubspot-test-helpers";

const hub = setUpGuardedStandIn();
applyLevelPropertiesBeforeEach(hub);

function connect(): HubSpotClient {
  return connectToStandIn(hub.standIn);
}

function row(email: string, status = "in_progress"): UpsertInput {
  return {
    idProperty: "email",
    id: email,
    properties: { level_a1_status: status, level_a1_units_completed: "3", level_a1_accuracy: "87.5" },
  };
}

function upserts() {
  return hub.standIn.requests().filter((entry) => entry.path === "/crm/v3/objects/contacts/batch/upsert");
}

describe("upsertContacts against the stand-in", () => {
  it("maps a 200 back to the inputs as sent, with HubSpot ids and new/updated", async () => {
    const client = connect();
    const body: UpsertBatchBody = { inputs: [row("ann@example.com"), row("Bob@Example.com")] };
    const first = await client.upsertContacts(body);
    expect(first.failed).toEqual([]);
    const ann = hub.standIn.state.findContactByEmail("ann@example.com");
    const bob = hub.standIn.state.findContactByEmail("bob@example.com");
    expect(first.succeeded).toEqual([
      { id: "ann@example.com", hubspotId: ann?.id, isNew: true },
      { id: "Bob@Example.com", hubspotId: bob?.id, isNew: true },
    ]);
    const second = await client.upsertContacts({ inputs: [row("ann@example.com", "completed")] });
    expect(second.succeeded).toEqual([{ id: "ann@example.com", hubspotId: ann?.id, isNew: false }]);
    expect(hub.standIn.state.findContactByEmail("ann@example.com")?.properties.level_a1_status).toBe("completed");
  });

  it("reads a 207 per row: invalid emails fail, the other rows land, in one request", async () => {
    const result = await connect().upsertContacts({
      inputs: [row("a@example.com"), row("not-an-email"), row("b@example.com"), row("c@bad domain.com")],
    });
    expect(result.succeeded.map((success) => success.id).sort()).toEqual(["a@example.com", "b@example.com"]);
    expect(result.failed).toEqual([
      {
        id: "not-an-email",
        kind: "invalid_email",
        message: "Email address not-an-email is invalid",
        property: "email",
      },
      {
        id: "c@bad domain.com",
        kind: "invalid_email",
        message: "Email address c@bad domain.com is invalid",
        property: "email",
      },
    ]);
    expect(upserts().map((entry) => entry.status)).toEqual([207]);
  });

  it("isolates 2 bad enumeration values out of 10 rows: 8 land, 2 fail with HubSpot's message, one extra request", async () => {
    const inputs = Array.from({ length: 10 }, (_, index) =>
      row(`learner${index}@example.com`, index === 3 ? "done" : index === 7 ? "finished" : "in_progress"),
    );
    const result = await connect().upsertContacts({ inputs });
    expect(result.succeeded).toHaveLength(8);
    expect(result.failed).toEqual([
      {
        id: "learner3@example.com",
        kind: "invalid_value",
        property: "level_a1_status",
        message: "done was not one of the allowed options: [not_started, in_progress, completed]",
      },
      {
        id: "learner7@example.com",
        kind: "invalid_value",
        property: "level_a1_status",
        message: "finished was not one of the allowed options: [not_started, in_progress, completed]",
      },
    ]);
    expect(upserts().map((entry) => [entry.status, entry.inputs])).toEqual([
      [400, 10],
      [200, 8],
    ]);
    expect(hub.standIn.state.contactCount()).toBe(8);
  });

  it("handles a bad value and an invalid email in the same batch", async () => {
    const result = await connect().upsertContacts({
      inputs: [row("a@example.com", "nope"), row("b@example.com"), row("broken@")],
    });
    expect(result.succeeded.map((success) => success.id)).toEqual(["b@example.com"]);
    expect(result.failed.map((failure) => [failure.id, failure.kind])).toEqual([
      ["a@example.com", "invalid_value"],
      ["broken@", "invalid_email"],
    ]);
    expect(upserts().map((entry) => entry.status)).toEqual([400, 207]);
  });

  it("reports a property HubSpot does not have as unknown_property", async () => {
    const result = await connect().upsertContacts({
      inputs: [
        { idProperty: "email", id: "a@example.com", properties: { level_zz_status: "completed" } },
        row("b@example.com"),
      ],
    });
    expect(result.failed).toEqual([
      {
        id: "a@example.com",
        kind: "unknown_property",
        property: "level_zz_status",
        message: 'Property "level_zz_status" does not exist',
      },
    ]);
    expect(result.succeeded.map((success) => success.id)).toEqual(["b@example.com"]);
  });

  it("stops at once on a revoked token: one request, unauthorized, no bisection", async () => {
    hub.standIn.revokeTokens([DEFAULT_TOKEN]);
    const failure = await connect()
      .upsertContacts({ inputs: [row("a@example.com"), row("b@example.com")] })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HubSpotError);
    expect(failure).toMatchObject({ category: "unauthorized", status: 401, isRetryable: false });
    expect(upserts()).toHaveLength(1);
  });
});
