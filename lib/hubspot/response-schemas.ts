/**
 * The JSON HubSpot answers with (CRM v3 contacts and properties, account-info v3), as zod
 * schemas. Objects are loose: HubSpot adds fields over time, and only the fields declared here
 * are relied on. Enumerated strings (`type`, `fieldType`) stay plain strings so a new HubSpot
 * type reads as drift instead of breaking the parse.
 */
import { z } from "zod";

const errorContextSchema = z.record(z.string(), z.array(z.string()));

export const errorDetailSchema = z.looseObject({
  message: z.string(),
  code: z.string().optional(),
  in: z.string().optional(),
  subCategory: z.string().optional(),
  context: errorContextSchema.optional(),
});
export type HubSpotErrorDetail = z.infer<typeof errorDetailSchema>;

/** Top-level error answers (spec `Error`), including the 429 body with `policyName`. */
export const errorBodySchema = z.looseObject({
  status: z.string().optional(),
  message: z.string(),
  correlationId: z.string().optional(),
  category: z.string().optional(),
  subCategory: z.unknown().optional(),
  policyName: z.string().optional(),
  context: errorContextSchema.optional(),
  errors: z.array(errorDetailSchema).optional(),
});
export type HubSpotErrorBody = z.infer<typeof errorBodySchema>;

/** Per-row errors inside 207 answers (spec `StandardError`). */
export const standardErrorSchema = z.looseObject({
  status: z.string(),
  category: z.string(),
  message: z.string(),
  context: errorContextSchema.default({}),
  errors: z.array(errorDetailSchema).default([]),
});
export type HubSpotStandardError = z.infer<typeof standardErrorSchema>;

export const accountDetailsSchema = z.looseObject({
  portalId: z.number().int(),
  accountType: z.string().optional(),
  timeZone: z.string().optional(),
});

export const propertyOptionSchema = z.looseObject({
  label: z.string(),
  value: z.string(),
  description: z.string().optional(),
  displayOrder: z.number().int().optional(),
  hidden: z.boolean().optional(),
});
export type HubSpotPropertyOption = z.infer<typeof propertyOptionSchema>;

export const propertySchema = z.looseObject({
  name: z.string(),
  label: z.string(),
  type: z.string(),
  fieldType: z.string(),
  groupName: z.string(),
  description: z.string().optional(),
  options: z.array(propertyOptionSchema).default([]),
  hidden: z.boolean().optional(),
  hubspotDefined: z.boolean().optional(),
  hasUniqueValue: z.boolean().optional(),
  archived: z.boolean().optional(),
});
export type HubSpotProperty = z.infer<typeof propertySchema>;

export const propertyGroupSchema = z.looseObject({
  name: z.string(),
  label: z.string(),
  displayOrder: z.number().int().optional(),
  archived: z.boolean().optional(),
});
export type HubSpotPropertyGroup = z.infer<typeof propertyGroupSchema>;

export const propertyListSchema = z.looseObject({ results: z.array(propertySchema) });
export const propertyGroupListSchema = z.looseObject({ results: z.array(propertyGroupSchema) });

/** Batch envelopes: 200/201 carry `results`; 207 adds `errors`. */
export function batchResponseSchema<T extends z.ZodType>(result: T) {
  return z.looseObject({
    status: z.string(),
    results: z.array(result),
    errors: z.array(standardErrorSchema).default([]),
    numErrors: z.number().int().optional(),
  });
}

export const upsertedContactSchema = z.looseObject({
  id: z.string(),
  new: z.boolean(),
  objectWriteTraceId: z.string().optional(),
  properties: z.record(z.string(), z.string().nullable()),
});

export const upsertResponseSchema = batchResponseSchema(upsertedContactSchema);
export type UpsertResponse = z.infer<typeof upsertResponseSchema>;

/** batch/update answers SimplePublicObject rows (no `new`); both echo `objectWriteTraceId` when one was sent. */
export const writtenContactSchema = z.looseObject({
  id: z.string(),
  new: z.boolean().optional(),
  objectWriteTraceId: z.string().optional(),
  properties: z.record(z.string(), z.string().nullable()),
});
export const writeResponseSchema = batchResponseSchema(writtenContactSchema);
export type WriteResponse = z.infer<typeof writeResponseSchema>;

/** batch/read: the records found; ids HubSpot does not know (archived, deleted) come back as OBJECT_NOT_FOUND errors. */
export const readContactSchema = z.looseObject({
  id: z.string(),
  properties: z.record(z.string(), z.string().nullable()),
  archived: z.boolean().optional(),
});
export const readResponseSchema = batchResponseSchema(readContactSchema);
export type ReadResponse = z.infer<typeof readResponseSchema>;

export const propertyBatchCreateResponseSchema = batchResponseSchema(propertySchema);
