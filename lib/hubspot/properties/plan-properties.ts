/**
 * Which HubSpot properties the enabled levels need and what has to happen to each, compared with
 * what the portal has (one listing of groups and one of contact properties). The plan is what the
 * dry run shows; `applyPropertyPlan` executes the same plan. Properties whose type drifted are
 * never changed by us (that would rewrite or drop values people rely on): they are reported and
 * withheld from payloads until someone fixes them in HubSpot.
 */
import type { PropertyAction } from "@/lib/contracts/property-actions";
import { LEVEL_NAME_BODY } from "@/lib/contracts/names";
import type { HubSpotClient } from "../client";
import {
  GLOBAL_PROPERTY,
  LEVEL_METRICS,
  PROPERTY_GROUP,
  type PropertyDefinition,
  requiredPropertyDefinitions,
} from "./property-contract";
import type { HubSpotProperty } from "../response-schemas";

export type { PropertyAction };

export interface PropertyPlanEntry {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  groupName: string;
  action: PropertyAction;
  /** update_options: option values HubSpot lacks. */
  missingOptions?: string[];
  /** drift: "exists as string/text, expected number/number". */
  reason?: string;
}

export interface PropertyPlan {
  /** The levels the plan was made for; applyPropertyPlan rebuilds the definitions from them. */
  levels: string[];
  /** `existingLabel` is set when the group exists under another label (kept as is, never relabelled). */
  group: { name: string; label: string; action: "create" | "exists" | "unverified"; existingLabel?: string };
  entries: PropertyPlanEntry[];
  /** Properties in our group that this product does not own. */
  foreign: Array<{ name: string; label: string; type: string }>;
}

const OWN_LEVEL_PROPERTY = new RegExp(`^level_${LEVEL_NAME_BODY}_(${LEVEL_METRICS.join("|")})$`);
const GLOBAL_NAMES: ReadonlySet<string> = new Set(Object.values(GLOBAL_PROPERTY));

/** Ours by name, for any level: properties of a level that is currently disabled are still ours, not foreign. */
export function isOwnPropertyName(name: string): boolean {
  return GLOBAL_NAMES.has(name) || OWN_LEVEL_PROPERTY.test(name);
}

function entryFor(definition: PropertyDefinition, existing: HubSpotProperty | undefined): PropertyPlanEntry {
  const { name, label, type, fieldType, groupName } = definition;
  const base = { name, label, type, fieldType, groupName };
  if (!existing) return { ...base, action: "create" };
  if (existing.type !== type || existing.fieldType !== fieldType) {
    return {
      ...base,
      action: "drift",
      reason: `exists as ${existing.type}/${existing.fieldType}, expected ${type}/${fieldType}`,
    };
  }
  // HubSpot cannot make an existing property unique; a learner_id without unique values would not stop a second contact per learner.
  if (definition.hasUniqueValue && existing.hasUniqueValue !== true) {
    return {
      ...base,
      action: "drift",
      reason: "exists without unique values (hasUniqueValue false): recreate it with unique values",
    };
  }
  const present = new Set(existing.options.map((option) => option.value));
  const missingOptions = (definition.options ?? [])
    .filter((option) => !present.has(option.value))
    .map((option) => option.value);
  return missingOptions.length > 0
    ? { ...base, action: "update_options", missingOptions }
    : { ...base, action: "exists" };
}

/** `client` null (no token): the plan lists what is needed, every action "unverified", no request made. */
export async function planProperties(client: HubSpotClient | null, levels: string[]): Promise<PropertyPlan> {
  const definitions = requiredPropertyDefinitions(levels);
  const groupBase = { name: PROPERTY_GROUP.name, label: PROPERTY_GROUP.label };
  if (client === null) {
    return {
      levels: [...levels],
      group: { ...groupBase, action: "unverified" },
      entries: definitions.map(({ name, label, type, fieldType, groupName }) => ({
        name,
        label,
        type,
        fieldType,
        groupName,
        action: "unverified",
      })),
      foreign: [],
    };
  }
  // One after the other: with a revoked token the first 401 ends planning after a single request.
  const groups = await client.listContactPropertyGroups();
  const properties = await client.listContactProperties();
  const group = groups.find((candidate) => candidate.name === PROPERTY_GROUP.name);
  const byName = new Map(properties.map((property) => [property.name, property]));
  return {
    levels: [...levels],
    group: group
      ? {
          ...groupBase,
          action: "exists",
          ...(group.label !== PROPERTY_GROUP.label ? { existingLabel: group.label } : {}),
        }
      : { ...groupBase, action: "create" },
    entries: definitions.map((definition) => entryFor(definition, byName.get(definition.name))),
    foreign: properties
      .filter((property) => property.groupName === PROPERTY_GROUP.name && !isOwnPropertyName(property.name))
      .map(({ name, label, type }) => ({ name, label, type })),
  };
}

/**
 * Properties payloads must not carry: drifted ones, plus (given the apply outcome) those whose
 * creation or option update failed — sending them would fail every row of the batch.
 */
export function withheldProperties(
  plan: PropertyPlan,
  applied?: { errors: ReadonlyArray<{ name: string }> },
): Set<string> {
  const withheld = new Set(plan.entries.filter((entry) => entry.action === "drift").map((entry) => entry.name));
  for (const error of applied?.errors ?? []) withheld.add(error.name);
  return withheld;
}
