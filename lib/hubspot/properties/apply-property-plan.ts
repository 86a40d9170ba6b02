/**
 * Executes a property plan: the group if missing, then missing properties in batches, then the
 * enumeration options that are missing. Options only grow: the PATCH sends HubSpot's current list
 * (read again just before, so options another run added since planning are kept) plus ours.
 * Per-property refusals come back in `errors`; failures of the whole call (401, 403, retries
 * exhausted) are thrown, because nothing after them can succeed either.
 */
import type { HubSpotClient } from "../client";
import { HubSpotError } from "../errors";
import type { PropertyPlan } from "./plan-properties";
import {
  PROPERTY_GROUP,
  type PropertyDefinition,
  type PropertyOption,
  requiredPropertyDefinitions,
} from "./property-contract";

export interface PropertyPlanOutcome {
  createdGroup: boolean;
  created: string[];
  optionsUpdated: string[];
  drift: string[];
  errors: { name: string; message: string }[];
}

/** Created by a concurrent run between our listing and our create: the property is there, which is what we wanted. */
const ALREADY_EXISTS = new Set(["OBJECT_ALREADY_EXISTS", "CONFLICT"]);

function isPerPropertyFailure(error: unknown): error is HubSpotError {
  return (
    error instanceof HubSpotError &&
    (error.category === "validation" || error.category === "not_found" || error.category === "conflict")
  );
}

async function createGroupIfMissing(client: HubSpotClient): Promise<boolean> {
  try {
    await client.createContactPropertyGroup({
      name: PROPERTY_GROUP.name,
      label: PROPERTY_GROUP.label,
      displayOrder: PROPERTY_GROUP.displayOrder,
    });
    return true;
  } catch (error) {
    if (error instanceof HubSpotError && error.category === "conflict") return false;
    throw error;
  }
}

/** Returns false when nothing was missing any more (another run added the options). */
async function addMissingOptions(client: HubSpotClient, definition: PropertyDefinition): Promise<boolean> {
  const current = await client.getContactProperty(definition.name);
  if (current.type !== definition.type || current.fieldType !== definition.fieldType) {
    throw new HubSpotError({
      message: `${definition.name} changed to ${current.type}/${current.fieldType} since planning; options left untouched`,
      status: null,
      category: "conflict",
    });
  }
  const present = new Set(current.options.map((option) => option.value));
  const missing = (definition.options ?? []).filter((option) => !present.has(option.value));
  if (missing.length === 0) return false;
  const kept: PropertyOption[] = current.options.map((option, index) => ({
    label: option.label,
    value: option.value,
    displayOrder: option.displayOrder ?? index,
    hidden: option.hidden ?? false,
    ...(option.description !== undefined ? { description: option.description } : {}),
  }));
  const lastOrder = kept.reduce((max, option) => Math.max(max, option.displayOrder), -1);
  const added = missing.map((option, index) => ({ ...option, displayOrder: lastOrder + 1 + index }));
  await client.updateContactPropertyOptions(definition.name, [...kept, ...added]);
  return true;
}

export async function applyPropertyPlan(client: HubSpotClient, plan: PropertyPlan): Promise<PropertyPlanOutcome> {
  if (plan.group.action === "unverified")
    throw new Error("applyPropertyPlan needs a plan made with a HubSpot client; this one is unverified");
  const definitions = new Map(
    requiredPropertyDefinitions(plan.levels).map((definition) => [definition.name, definition]),
  );
  const definitionOf = (name: string): PropertyDefinition => {
    const definition = definitions.get(name);
    if (!definition) throw new Error(`Plan entry ${name} is not a property of levels [${plan.levels.join(", ")}]`);
    return definition;
  };
  const outcome: PropertyPlanOutcome = { createdGroup: false, created: [], optionsUpdated: [], drift: [], errors: [] };
  if (plan.group.action === "create") outcome.createdGroup = await createGroupIfMissing(client);

  const toCreate = plan.entries.filter((entry) => entry.action === "create").map((entry) => definitionOf(entry.name));
  // Options are topped up for planned updates and for enumerations a concurrent run created first (with its levels).
  const toTopUp = plan.entries.filter((entry) => entry.action === "update_options").map((entry) => entry.name);
  if (toCreate.length > 0) {
    const { created, errors } = await client.batchCreateContactProperties(toCreate);
    outcome.created.push(...created);
    for (const error of errors) {
      if (!ALREADY_EXISTS.has(error.category ?? "")) outcome.errors.push({ name: error.name, message: error.message });
      else if (definitions.get(error.name)?.options) toTopUp.push(error.name);
    }
  }

  for (const name of toTopUp) {
    try {
      if (await addMissingOptions(client, definitionOf(name))) outcome.optionsUpdated.push(name);
    } catch (error) {
      if (!isPerPropertyFailure(error)) throw error;
      outcome.errors.push({ name, message: error.message });
    }
  }

  outcome.drift = plan.entries.filter((entry) => entry.action === "drift").map((entry) => entry.name);
  return outcome;
}
