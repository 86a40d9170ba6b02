import { describe, expect, it } from "vitest";
import type { HubSpotClient } from "../client";
import { applyPropertyPlan } from "./apply-property-plan";
import { planProperties, withheldProperties } from "./plan-properties";
import { PROPERTY_GROUP, requiredPropertyDefinitions } from "./property-contract";
import { connectToStandIn, setUpGuardedStandIn } from "@/test/support/hubspot/hubspot-test-helpers";

const hub = setUpGuardedStandIn();

function connect(): HubSpotClient {
  return connectToStandIn(hub.standIn);
}

const LEVELS = ["a1", "a2"];
const ALL_NAMES = requiredPropertyDefinitions(LEVELS).map((definition) => definition.name);

async function property(client: HubSpotClient, name: string) {
  return client.getContactProperty(name);
}

describe("planProperties / applyPropertyPlan against the stand-in", () => {
  it("plans everything as create on an empty portal, with two listing requests", async () => {
    const plan = await planProperties(connect(), LEVELS);
    expect(plan.group).toEqual({ name: "level_progress", label: "Level Progress", action: "create" });
    expect(plan.entries.map((entry) => entry.name)).toEqual(ALL_NAMES);
    expect(new Set(plan.entries.map((entry) => entry.action))).toEqual(new Set(["create"]));
    expect(plan.entries.find((entry) => entry.name === "level_a1_status")).toMatchObject({
      type: "enumeration",
      fieldType: "select",
      groupName: "level_progress",
    });
    expect(plan.foreign).toEqual([]);
    expect(hub.standIn.requests().map((entry) => `${entry.method} ${entry.path}`)).toEqual([
      "GET /crm/v3/properties/contacts/groups",
      "GET /crm/v3/properties/contacts",
    ]);
  });

  it("creates group and properties, after which a new plan finds everything existing", async () => {
    const client = connect();
    const outcome = await applyPropertyPlan(client, await planProperties(client, LEVELS));
    expect(outcome).toEqual({ createdGroup: true, created: ALL_NAMES, optionsUpdated: [], drift: [], errors: [] });
    expect(hub.standIn.state.getGroup("level_progress")?.label).toBe("Level Progress");
    expect((await property(client, "level_a1_status")).options.map((option) => option.value)).toEqual([
      "not_started",
      "in_progress",
      "completed",
    ]);

    const again = await planProperties(client, LEVELS);
    expect(again.group.action).toBe("exists");
    expect(again.group.existingLabel).toBeUndefined();
    expect(new Set(again.entries.map((entry) => entry.action))).toEqual(new Set(["exists"]));
    expect(withheldProperties(again).size).toBe(0);
  });

  it("adds a new level's three properties and grows current_active_level without dropping options", async () => {
    const client = connect();
    await applyPropertyPlan(client, await planProperties(client, LEVELS));
    // Someone added an option by hand in HubSpot: it must survive our update.
    const active = await property(client, "current_active_level");
    await client.updateContactPropertyOptions("current_active_level", [
      ...active.options.map((option, index) => ({
        label: option.label,
        value: option.value,
        displayOrder: index,
        hidden: false,
      })),
      { label: "Legacy", value: "legacy", displayOrder: 7, hidden: false, description: "kept from the old CRM" },
    ]);

    const plan = await planProperties(client, [...LEVELS, "b1"]);
    const changes = plan.entries.filter((entry) => entry.action !== "exists");
    expect(changes.map((entry) => [entry.name, entry.action])).toEqual([
      ["level_b1_units_completed", "create"],
      ["level_b1_accuracy", "create"],
      ["level_b1_status", "create"],
      ["current_active_level", "update_options"],
    ]);
    expect(changes.at(-1)?.missingOptions).toEqual(["b1"]);

    const outcome = await applyPropertyPlan(client, plan);
    expect(outcome.created).toEqual(["level_b1_units_completed", "level_b1_accuracy", "level_b1_status"]);
    expect(outcome.optionsUpdated).toEqual(["current_active_level"]);
    const grown = await property(client, "current_active_level");
    expect(grown.options.map((option) => option.value)).toEqual(["a1", "a2", "legacy", "b1"]);
    expect(grown.options.find((option) => option.value === "legacy")?.description).toBe("kept from the old CRM");
    expect(grown.options.find((option) => option.value === "b1")).toMatchObject({ label: "B1", displayOrder: 8 });
    expect(new Set((await planProperties(client, [...LEVELS, "b1"])).entries.map((entry) => entry.action))).toEqual(
      new Set(["exists"]),
    );
  });

  it("reports a property of another type as drift, leaves it untouched and withholds it", async () => {
    const client = connect();
    await client.createContactPropertyGroup({ name: "level_progress", label: "Level Progress" });
    const accuracy = requiredPropertyDefinitions(LEVELS).find((definition) => definition.name === "level_a1_accuracy");
    if (!accuracy) throw new Error("contract lost level_a1_accuracy");
    await client.batchCreateContactProperties([{ ...accuracy, type: "string", fieldType: "text" }]);

    const plan = await planProperties(client, LEVELS);
    expect(plan.entries.find((entry) => entry.name === "level_a1_accuracy")).toMatchObject({
      action: "drift",
      reason: "exists as string/text, expected number/number",
    });
    const outcome = await applyPropertyPlan(client, plan);
    expect(outcome.drift).toEqual(["level_a1_accuracy"]);
    expect(outcome.created).not.toContain("level_a1_accuracy");
    expect(await property(client, "level_a1_accuracy")).toMatchObject({ type: "string", fieldType: "text" });
    expect(withheldProperties(plan)).toEqual(new Set(["level_a1_accuracy"]));
    expect(hub.standIn.requests().filter((entry) => entry.method === "PATCH")).toEqual([]);
  });

  it("keeps a group that exists under another label", async () => {
    const client = connect();
    await client.createContactPropertyGroup({ name: "level_progress", label: "Learning progress" });
    const plan = await planProperties(client, LEVELS);
    expect(plan.group).toEqual({
      name: "level_progress",
      label: "Level Progress",
      action: "exists",
      existingLabel: "Learning progress",
    });
    const outcome = await applyPropertyPlan(client, plan);
    expect(outcome.createdGroup).toBe(false);
    expect(outcome.created).toHaveLength(ALL_NAMES.length);
    expect(hub.standIn.state.getGroup("level_progress")?.label).toBe("Learning progress");
  });

  it("lists properties of our group that are not ours as foreign (a disabled level's are still ours)", async () => {
    const client = connect();
    await applyPropertyPlan(client, await planProperties(client, ["a1", "b2"]));
    const notes = {
      name: "school_notes",
      label: "School notes",
      description: "",
      type: "string" as const,
      fieldType: "text" as const,
      groupName: PROPERTY_GROUP.name,
    };
    await client.batchCreateContactProperties([notes]);
    const plan = await planProperties(client, ["a1"]);
    expect(plan.foreign).toEqual([{ name: "school_notes", label: "School notes", type: "string" }]);
  });

  it("counts properties and a group created by a concurrent run (409) as existing", async () => {
    const client = connect();
    const plan = await planProperties(client, LEVELS);
    const rival = connect();
    await applyPropertyPlan(rival, await planProperties(rival, ["a1"]));
    const outcome = await applyPropertyPlan(client, plan);
    expect(outcome.createdGroup).toBe(false);
    expect(outcome.errors).toEqual([]);
    expect(outcome.created).toEqual(["level_a2_units_completed", "level_a2_accuracy", "level_a2_status"]);
    // The rival created current_active_level for a1 only: our run still adds a2.
    expect(outcome.optionsUpdated).toEqual(["current_active_level"]);
    expect((await property(client, "current_active_level")).options.map((option) => option.value)).toEqual([
      "a1",
      "a2",
    ]);
  });

  it("without a client plans every action as unverified and sends nothing; such a plan cannot be applied", async () => {
    const plan = await planProperties(null, LEVELS);
    expect(plan.group.action).toBe("unverified");
    expect(plan.entries.map((entry) => entry.action)).toEqual(ALL_NAMES.map(() => "unverified"));
    expect(plan.foreign).toEqual([]);
    expect(hub.standIn.requests()).toEqual([]);
    await expect(applyPropertyPlan(connect(), plan)).rejects.toThrow(/unverified/);
  });

  it("withholds properties whose creation failed once the apply outcome is passed", () => {
    const plan = {
      levels: [],
      group: { name: "level_progress", label: "Level Progress", action: "exists" as const },
      entries: [],
      foreign: [],
    };
    expect(withheldProperties(plan, { errors: [{ name: "level_a1_status" }] })).toEqual(new Set(["level_a1_status"]));
  });
});
