/**
 * Request bodies of the Contacts v3 API (spec schemas `BatchInputSimplePublicObjectBatchInputUpsert`,
 * `BatchInputSimplePublicObjectBatchInput`, `BatchReadInputSimplePublicObjectId`,
 * `BatchInputSimplePublicObjectId`, `PublicMergeInput`, `PublicObjectSearchRequest`). Property
 * values are typed `string` by the spec: numbers, booleans and null are rejected rather than coerced.
 */
import { z } from "zod";
import { batchInputs } from "./schemas-shared";

const propertyValues = z.record(z.string(), z.string());

const writeInputSchema = z.strictObject({
  id: z.string(),
  idProperty: z.string().optional(),
  objectWriteTraceId: z.string().optional(),
  properties: propertyValues,
});
export type WriteInput = z.infer<typeof writeInputSchema>;

export const batchUpsertSchema = z.strictObject({ inputs: batchInputs(writeInputSchema) });
export const batchUpdateSchema = z.strictObject({ inputs: batchInputs(writeInputSchema) });

// The spec marks `properties` and `propertiesWithHistory` required; HubSpot treats them as optional.
export const batchReadSchema = z.strictObject({
  inputs: batchInputs(z.strictObject({ id: z.string() })),
  idProperty: z.string().optional(),
  properties: z.array(z.string()).optional(),
  propertiesWithHistory: z.array(z.string()).optional(),
});

// Spec schemas `BatchInputSimplePublicObjectId` (batch/archive) and `PublicMergeInput` (merge).
export const batchArchiveSchema = z.strictObject({ inputs: batchInputs(z.strictObject({ id: z.string() })) });
export const mergeSchema = z.strictObject({ primaryObjectId: z.string(), objectIdToMerge: z.string() });
export type MergeInput = z.infer<typeof mergeSchema>;

export const FILTER_OPERATORS = [
  "BETWEEN",
  "CONTAINS_TOKEN",
  "EQ",
  "GT",
  "GTE",
  "HAS_PROPERTY",
  "IN",
  "LT",
  "LTE",
  "NEQ",
  "NOT_CONTAINS_TOKEN",
  "NOT_HAS_PROPERTY",
  "NOT_IN",
] as const;

const filterSchema = z.strictObject({
  propertyName: z.string(),
  operator: z.enum(FILTER_OPERATORS),
  value: z.string().optional(),
  highValue: z.string().optional(),
  values: z.array(z.string()).optional(),
});
export type SearchFilter = z.infer<typeof filterSchema>;

const sortSchema = z.union([
  z.string(),
  z.strictObject({ propertyName: z.string(), direction: z.enum(["ASCENDING", "DESCENDING"]).optional() }),
]);
export type SearchSort = z.infer<typeof sortSchema>;

// Search limits from the spec and HubSpot's search guide: 6 filter groups of at most 6 filters
// (18 in all), one sort, 200 results per page.
export const MAX_SEARCH_FILTERS = 18;
export const searchSchema = z.strictObject({
  filterGroups: z
    .array(
      z.strictObject({ filters: z.array(filterSchema).max(6, { message: "A filter group holds at most 6 filters" }) }),
    )
    .max(6, { message: "At most 6 filter groups are allowed" })
    .optional(),
  sorts: z.array(sortSchema).max(1, { message: "Only one sort is allowed" }).optional(),
  properties: z.array(z.string()).optional(),
  limit: z.number().int().min(0).max(200, { message: "limit must be at most 200" }).optional(),
  after: z
    .string()
    .regex(/^\d+$/, { message: "after must be a paging cursor returned by a previous search" })
    .optional(),
  query: z.string().max(3000).optional(),
});
export type SearchRequest = z.infer<typeof searchSchema>;
