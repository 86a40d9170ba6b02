/**
 * Contact properties and property groups (CRM Properties v3), sent through the client's request
 * policy. Raw `apiRequest` calls instead of the SDK's typed Properties APIs: those throw unless
 * create answers exactly 201, and they would bypass our single retry/rate-limit path.
 */
import type { PropertyDefinition, PropertyOption } from "./property-contract";
import { HubSpotError } from "../errors";
import {
  type HubSpotProperty,
  type HubSpotPropertyGroup,
  propertyBatchCreateResponseSchema,
  propertyGroupListSchema,
  propertyGroupSchema,
  propertyListSchema,
  propertySchema,
} from "../response-schemas";

export type CallHubSpot = <T>(
  request: { method: "GET" | "POST" | "PATCH"; path: string; body?: unknown },
  parse: (json: unknown, status: number) => T,
) => Promise<T>;

export interface PropertyCreateError {
  name: string;
  message: string;
  /** HubSpot's error category, e.g. `OBJECT_ALREADY_EXISTS` (another run created it first). */
  category?: string;
}

const PROPERTIES_PATH = "/crm/v3/properties/contacts";
const MAX_PROPERTY_BATCH = 100;

function createBody(definition: PropertyDefinition) {
  const { name, label, description, type, fieldType, groupName, options, hasUniqueValue } = definition;
  return {
    name,
    label,
    description,
    type,
    fieldType,
    groupName,
    ...(options ? { options } : {}),
    ...(hasUniqueValue ? { hasUniqueValue } : {}),
  };
}

export function createPropertyRequests(call: CallHubSpot) {
  async function createOne(definition: PropertyDefinition): Promise<PropertyCreateError | null> {
    try {
      await call({ method: "POST", path: PROPERTIES_PATH, body: createBody(definition) }, (json) =>
        propertySchema.parse(json),
      );
      return null;
    } catch (error) {
      if (!(error instanceof HubSpotError) || (error.category !== "validation" && error.category !== "conflict"))
        throw error;
      const category = error.category === "conflict" ? "OBJECT_ALREADY_EXISTS" : "VALIDATION_ERROR";
      return { name: definition.name, message: error.message, category };
    }
  }

  async function createChunk(
    definitions: PropertyDefinition[],
  ): Promise<{ created: string[]; errors: PropertyCreateError[] }> {
    let answer;
    try {
      answer = await call(
        { method: "POST", path: `${PROPERTIES_PATH}/batch/create`, body: { inputs: definitions.map(createBody) } },
        (json) => propertyBatchCreateResponseSchema.parse(json),
      );
    } catch (error) {
      if (!(error instanceof HubSpotError) || error.status !== 400) throw error;
      // One bad definition rejected the batch: create one by one so the others still land.
      const fallback = { created: [] as string[], errors: [] as PropertyCreateError[] };
      for (const definition of definitions) {
        const failure = await createOne(definition);
        if (failure) fallback.errors.push(failure);
        else fallback.created.push(definition.name);
      }
      return fallback;
    }
    const created = answer.results.map((property) => property.name);
    const names = definitions.map((definition) => definition.name);
    const errors = answer.errors.map((error): PropertyCreateError => {
      const name = error.context.name?.[0] ?? names.find((candidate) => error.message.includes(`'${candidate}'`)) ?? "";
      return { name, message: error.message, category: error.category };
    });
    const reported = new Set([...created, ...errors.map((error) => error.name)]);
    for (const name of names) {
      if (!reported.has(name)) errors.push({ name, message: "HubSpot returned no result for this property" });
    }
    return { created, errors };
  }

  return {
    async listContactProperties(): Promise<HubSpotProperty[]> {
      return (await call({ method: "GET", path: PROPERTIES_PATH }, (json) => propertyListSchema.parse(json))).results;
    },
    async getContactProperty(name: string): Promise<HubSpotProperty> {
      return call({ method: "GET", path: `${PROPERTIES_PATH}/${encodeURIComponent(name)}` }, (json) =>
        propertySchema.parse(json),
      );
    },
    async listContactPropertyGroups(): Promise<HubSpotPropertyGroup[]> {
      return (
        await call({ method: "GET", path: `${PROPERTIES_PATH}/groups` }, (json) => propertyGroupListSchema.parse(json))
      ).results;
    },
    createContactPropertyGroup(group: {
      name: string;
      label: string;
      displayOrder?: number;
    }): Promise<HubSpotPropertyGroup> {
      return call({ method: "POST", path: `${PROPERTIES_PATH}/groups`, body: group }, (json) =>
        propertyGroupSchema.parse(json),
      );
    },
    async batchCreateContactProperties(
      definitions: PropertyDefinition[],
    ): Promise<{ created: string[]; errors: PropertyCreateError[] }> {
      const outcome = { created: [] as string[], errors: [] as PropertyCreateError[] };
      for (let start = 0; start < definitions.length; start += MAX_PROPERTY_BATCH) {
        const chunk = await createChunk(definitions.slice(start, start + MAX_PROPERTY_BATCH));
        outcome.created.push(...chunk.created);
        outcome.errors.push(...chunk.errors);
      }
      return outcome;
    },
    updateContactPropertyOptions(name: string, options: PropertyOption[]): Promise<HubSpotProperty> {
      return call(
        { method: "PATCH", path: `${PROPERTIES_PATH}/${encodeURIComponent(name)}`, body: { options } },
        (json) => propertySchema.parse(json),
      );
    },
  };
}
