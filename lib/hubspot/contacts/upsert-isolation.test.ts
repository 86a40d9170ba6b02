/**
 * Batch-upsert edge cases the stand-in does not produce (a 400 naming no row, errors naming rows
 * by `ids` or index, rows missing from an answer), with a scripted transport in place of the SDK.
 */
import { describe, expect, it } from "vitest";
import { createHubSpotClient, type UpsertBatchBody, type UpsertInput } from "../client";
import type { RawRequest } from "../transport/sdk-transport";
import { type ScriptedAnswer, scriptedTransport } from "@/test/support/hubspot/hubspot-test-helpers";

function row(email: string, status = "in_progress"): UpsertInput {
  return { idProperty: "email", id: email, properties: { level_a1_status: status } };
}

function inputsOf(request: RawRequest): UpsertInput[] {
  return (JSON.parse(request.body ?? "{}") as UpsertBatchBody).inputs;
}

function ok(inputs: UpsertInput[]): ScriptedAnswer {
  return {
    status: 200,
    body: {
      status: "COMPLETE",
      results: inputs.map((input, index) => ({
        id: String(100 + index),
        new: true,
        properties: { email: input.id.toLowerCase() },
      })),
    },
  };
}

function clientWith(answer: (request: RawRequest) => ScriptedAnswer) {
  const transport = scriptedTransport(answer);
  const client = createHubSpotClient({
    accessToken: "t",
    baseUrl: "http://127.0.0.1:9",
    ratePer10s: 1_000,
    transport,
    sleep: async () => {},
  });
  return { client, transport };
}

/** HubSpot's real wording for a bad option, with no hint of which input carried it. */
const OPAQUE_400: ScriptedAnswer = {
  status: 400,
  body: {
    status: "error",
    category: "VALIDATION_ERROR",
    correlationId: "c-1",
    message:
      'Property values were not valid: [{"isValid":false,"message":"done was not one of the allowed options","error":"INVALID_OPTION","name":"level_a1_status"}]',
  },
};

describe("upsertContacts edge cases", () => {
  it("POSTs exactly JSON.stringify(body) to batch/upsert", async () => {
    const { client, transport } = clientWith((request) => ok(inputsOf(request)));
    const body: UpsertBatchBody = {
      inputs: [
        row("a@example.com"),
        { idProperty: "email", id: "b@example.com", properties: { level_a1_accuracy: "", total_study_time: "42" } },
      ],
    };
    await client.upsertContacts(body);
    expect(transport.sent).toEqual([
      { method: "POST", path: "/crm/v3/objects/contacts/batch/upsert", body: JSON.stringify(body) },
    ]);
  });

  it("refuses more than 100 inputs without sending, and sends nothing for none", async () => {
    const { client, transport } = clientWith((request) => ok(inputsOf(request)));
    const tooMany = Array.from({ length: 101 }, (_, index) => row(`l${index}@example.com`));
    await expect(client.upsertContacts({ inputs: tooMany })).rejects.toThrow(RangeError);
    await expect(client.upsertContacts({ inputs: [] })).resolves.toEqual({ succeeded: [], failed: [] });
    expect(transport.sent).toEqual([]);
  });

  it("bisects a 400 that names no row until the bad rows are isolated, within the request bound", async () => {
    const { client, transport } = clientWith((request) => {
      const inputs = inputsOf(request);
      return inputs.some((input) => input.properties.level_a1_status === "done") ? OPAQUE_400 : ok(inputs);
    });
    const inputs = Array.from({ length: 10 }, (_, index) =>
      row(`l${index}@example.com`, index === 2 || index === 7 ? "done" : "in_progress"),
    );
    const result = await client.upsertContacts({ inputs });
    expect(result.succeeded.map((success) => success.id).sort()).toEqual(
      inputs
        .filter((_, index) => index !== 2 && index !== 7)
        .map((input) => input.id)
        .sort(),
    );
    expect(result.failed).toEqual([
      {
        id: "l2@example.com",
        kind: "invalid_value",
        property: "level_a1_status",
        message: "done was not one of the allowed options",
      },
      {
        id: "l7@example.com",
        kind: "invalid_value",
        property: "level_a1_status",
        message: "done was not one of the allowed options",
      },
    ]);
    // 2 bad rows among 10: at most 2·k·⌈log2 n⌉ + 1 = 17 requests; halving needs 11.
    expect(transport.sent).toHaveLength(11);
  });

  it("fails the rows a whole-batch 400 names by `ids` (duplicates) and resends the rest", async () => {
    const { client, transport } = clientWith((request) => {
      const inputs = inputsOf(request);
      const emails = inputs.map((input) => input.id);
      const duplicate = emails.find((email, index) => emails.indexOf(email) !== index);
      if (duplicate)
        return {
          status: 400,
          body: {
            status: "error",
            category: "VALIDATION_ERROR",
            message: `Duplicate IDs found in batch input: [${duplicate}]`,
            context: { ids: [duplicate] },
          },
        };
      return ok(inputs);
    });
    const result = await client.upsertContacts({
      inputs: [row("a@example.com"), row("b@example.com"), row("a@example.com")],
    });
    expect(result.failed.map((failure) => [failure.id, failure.kind])).toEqual([
      ["a@example.com", "rejected"],
      ["a@example.com", "rejected"],
    ]);
    expect(result.succeeded.map((success) => success.id)).toEqual(["b@example.com"]);
    expect(transport.sent.map((request) => inputsOf(request).length)).toEqual([3, 1]);
  });

  it("reads 207 errors that name rows by index, and reports unnamed leftovers instead of dropping them", async () => {
    const { client } = clientWith(() => ({
      status: 207,
      body: {
        status: "COMPLETE",
        results: [{ id: "7", new: false, properties: { email: "a@example.com" } }],
        numErrors: 2,
        errors: [
          {
            status: "error",
            category: "VALIDATION_ERROR",
            message: "bad",
            context: {},
            errors: [{ message: "Email address b@ is invalid", code: "INVALID_EMAIL", in: "inputs[1].id" }],
          },
          { status: "error", category: "INTERNAL", message: "something odd", context: {}, errors: [] },
        ],
      },
    }));
    const result = await client.upsertContacts({ inputs: [row("a@example.com"), row("b@"), row("c@example.com")] });
    expect(result.succeeded).toEqual([{ id: "a@example.com", hubspotId: "7", isNew: false }]);
    expect(result.failed).toEqual([
      { id: "b@", kind: "invalid_email", message: "Email address b@ is invalid" },
      { id: "c@example.com", kind: "rejected", message: "something odd" },
    ]);
  });

  it("rejects an answer of the wrong shape as malformed_response without resending", async () => {
    const { client, transport } = clientWith(() => ({
      status: 200,
      body: { status: "COMPLETE", results: [{ id: 5 }] },
    }));
    await expect(client.upsertContacts({ inputs: [row("a@example.com")] })).rejects.toMatchObject({
      category: "malformed_response",
      isRetryable: false,
    });
    expect(transport.sent).toHaveLength(1);
  });
});
