/** Property creation answers the stand-in does not give: a whole-batch 400 and a 207 without names. */
import { describe, expect, it } from "vitest";
import { createHubSpotClient } from "../client";
import { requiredPropertyDefinitions } from "./property-contract";
import { scriptedTransport } from "@/test/support/hubspot/hubspot-test-helpers";

const [units, accuracy, status] = requiredPropertyDefinitions(["a1"]);

function clientWith(transport: ReturnType<typeof scriptedTransport>) {
  return createHubSpotClient({
    accessToken: "t",
    baseUrl: "http://127.0.0.1:9",
    ratePer10s: 1_000,
    transport,
    sleep: async () => {},
  });
}

function created(name: string) {
  return { name, label: name, type: "number", fieldType: "number", groupName: "level_progress", options: [] };
}

describe("batchCreateContactProperties", () => {
  it("falls back to one create per property when the batch is refused as a whole", async () => {
    const transport = scriptedTransport((request) => {
      if (request.path.endsWith("/batch/create"))
        return {
          status: 400,
          body: { status: "error", category: "VALIDATION_ERROR", message: "one definition is invalid" },
        };
      const name = (JSON.parse(request.body ?? "{}") as { name: string }).name;
      if (name === "level_a1_accuracy")
        return {
          status: 409,
          body: {
            status: "error",
            category: "OBJECT_ALREADY_EXISTS",
            message: "Property named 'level_a1_accuracy' already exists.",
          },
        };
      if (name === "level_a1_status")
        return { status: 400, body: { status: "error", category: "VALIDATION_ERROR", message: "options are invalid" } };
      return { status: 201, body: created(name) };
    });
    if (!units || !accuracy || !status) throw new Error("contract changed");
    const outcome = await clientWith(transport).batchCreateContactProperties([units, accuracy, status]);
    expect(outcome.created).toEqual(["level_a1_units_completed"]);
    expect(outcome.errors.map((error) => [error.name, error.category])).toEqual([
      ["level_a1_accuracy", "OBJECT_ALREADY_EXISTS"],
      ["level_a1_status", "VALIDATION_ERROR"],
    ]);
    expect(transport.sent.map((request) => request.path)).toEqual([
      "/crm/v3/properties/contacts/batch/create",
      "/crm/v3/properties/contacts",
      "/crm/v3/properties/contacts",
      "/crm/v3/properties/contacts",
    ]);
  });

  it("attributes 207 errors by context or message and reports properties HubSpot left out", async () => {
    const transport = scriptedTransport(() => ({
      status: 207,
      body: {
        status: "COMPLETE",
        results: [created("level_a1_units_completed")],
        errors: [
          {
            status: "error",
            category: "VALIDATION_ERROR",
            message: "Property 'level_a1_accuracy': fieldType is wrong",
            context: {},
            errors: [],
          },
        ],
      },
    }));
    if (!units || !accuracy || !status) throw new Error("contract changed");
    const outcome = await clientWith(transport).batchCreateContactProperties([units, accuracy, status]);
    expect(outcome.created).toEqual(["level_a1_units_completed"]);
    expect(outcome.errors).toEqual([
      {
        name: "level_a1_accuracy",
        message: "Property 'level_a1_accuracy': fieldType is wrong",
        category: "VALIDATION_ERROR",
      },
      { name: "level_a1_status", message: "HubSpot returned no result for this property" },
    ]);
  });

  it("sends at most 100 definitions per request", async () => {
    const transport = scriptedTransport((request) => {
      const inputs = (JSON.parse(request.body ?? "{}") as { inputs: Array<{ name: string }> }).inputs;
      return { status: 201, body: { status: "COMPLETE", results: inputs.map((input) => created(input.name)) } };
    });
    const many = requiredPropertyDefinitions(Array.from({ length: 40 }, (_, index) => `l${index}`));
    const outcome = await clientWith(transport).batchCreateContactProperties(many);
    expect(outcome.created).toHaveLength(many.length);
    expect(
      transport.sent.map((request) => (JSON.parse(request.body ?? "{}") as { inputs: unknown[] }).inputs.length),
    ).toEqual([100, 24]);
  });
});
