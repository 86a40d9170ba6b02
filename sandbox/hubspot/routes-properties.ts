/** `/crm/v3/properties/{objectType}`: read, create (single and batch) and update property definitions. */
import { batchResult } from "./batch-response";
import { HubSpotHttpError, notFoundError, standardError, type StandardError, toStandardError } from "./errors";
import type { PropertyDefinition } from "./model";
import { buildProperty, updateProperty } from "./property-rules";
import { queryBoolean, requireContactsObjectType, type RequestContext, type Route } from "./router";
import {
  propertyBatchCreateSchema,
  propertyBatchReadSchema,
  propertyCreateSchema,
  propertyUpdateSchema,
} from "./schemas-properties";
import { parseBody } from "./schemas-shared";

const BASE = "/crm/v3/properties/:objectType";

function findProperty(context: RequestContext, name: string, isArchived: boolean): PropertyDefinition {
  const property = context.store.getProperty(name);
  if (!property || property.archived !== isArchived)
    throw notFoundError(`Property ${name} does not exist`, { name: [name] });
  return property;
}

export const propertyRoutes: Route[] = [
  {
    method: "POST",
    pattern: `${BASE}/batch/create`,
    handler: (context) => {
      requireContactsObjectType(context.params.objectType);
      const { inputs } = parseBody(propertyBatchCreateSchema, context.body);
      const results: PropertyDefinition[] = [];
      const errors: StandardError[] = [];
      for (const input of inputs) {
        try {
          const property = buildProperty(context.store, input, context.now);
          context.store.saveProperty(property);
          results.push(property);
        } catch (error) {
          if (!(error instanceof HubSpotHttpError)) throw error;
          errors.push(toStandardError(error));
        }
      }
      return batchResult(201, results, errors, context.now, new Date());
    },
  },
  {
    method: "POST",
    pattern: `${BASE}/batch/read`,
    handler: (context) => {
      requireContactsObjectType(context.params.objectType);
      const { inputs, archived } = parseBody(propertyBatchReadSchema, context.body);
      const isArchived = archived ?? false;
      const results: PropertyDefinition[] = [];
      const errors: StandardError[] = [];
      for (const { name } of inputs) {
        const property = context.store.getProperty(name);
        if (property && property.archived === isArchived) results.push(property);
        else errors.push(standardError("OBJECT_NOT_FOUND", `Property ${name} does not exist`, { name: [name] }));
      }
      return batchResult(200, results, errors, context.now, new Date());
    },
  },
  {
    method: "GET",
    pattern: BASE,
    handler: (context) => {
      requireContactsObjectType(context.params.objectType);
      const isArchived = queryBoolean(context.query, "archived", false);
      return {
        status: 200,
        body: { results: context.store.listProperties().filter((property) => property.archived === isArchived) },
      };
    },
  },
  {
    method: "POST",
    pattern: BASE,
    handler: (context) => {
      requireContactsObjectType(context.params.objectType);
      const property = buildProperty(context.store, parseBody(propertyCreateSchema, context.body), context.now);
      context.store.saveProperty(property);
      return { status: 201, body: property };
    },
  },
  {
    method: "GET",
    pattern: `${BASE}/:propertyName`,
    handler: (context) => {
      requireContactsObjectType(context.params.objectType);
      const isArchived = queryBoolean(context.query, "archived", false);
      return { status: 200, body: findProperty(context, context.params.propertyName ?? "", isArchived) };
    },
  },
  {
    method: "PATCH",
    pattern: `${BASE}/:propertyName`,
    handler: (context) => {
      requireContactsObjectType(context.params.objectType);
      const patch = parseBody(propertyUpdateSchema, context.body);
      const property = updateProperty(context.store, context.params.propertyName ?? "", patch, context.now);
      context.store.saveProperty(property);
      return { status: 200, body: property };
    },
  },
];
