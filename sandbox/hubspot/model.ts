/**
 * The stand-in's records, in HubSpot's JSON shapes (spec schemas `Property`, `PropertyGroup`,
 * `SimplePublicObject`). Defined as zod schemas because a persisted state file is read back
 * through them.
 */
import { z } from "zod";

export const PROPERTY_TYPES = ["bool", "date", "datetime", "enumeration", "number", "phone_number", "string"] as const;
export const FIELD_TYPES = [
  "booleancheckbox",
  "calculation_equation",
  "checkbox",
  "date",
  "file",
  "html",
  "number",
  "phonenumber",
  "radio",
  "select",
  "text",
  "textarea",
] as const;
export const NUMBER_DISPLAY_HINTS = [
  "currency",
  "duration",
  "formatted",
  "percentage",
  "probability",
  "unformatted",
] as const;
export const TEXT_DISPLAY_HINTS = [
  "domain_name",
  "email",
  "ip_address",
  "multi_line",
  "phone_number",
  "physical_address",
  "postal_code",
  "unformatted_single_line",
] as const;
export const DATA_SENSITIVITIES = ["highly_sensitive", "non_sensitive", "sensitive"] as const;

export type PropertyType = (typeof PROPERTY_TYPES)[number];
export type FieldType = (typeof FIELD_TYPES)[number];

export const propertyOptionSchema = z.object({
  label: z.string(),
  value: z.string(),
  description: z.string().optional(),
  displayOrder: z.number().int(),
  hidden: z.boolean(),
});
export type PropertyOption = z.infer<typeof propertyOptionSchema>;

export const propertyDefinitionSchema = z.object({
  name: z.string(),
  label: z.string(),
  type: z.enum(PROPERTY_TYPES),
  fieldType: z.enum(FIELD_TYPES),
  groupName: z.string(),
  description: z.string(),
  options: z.array(propertyOptionSchema),
  displayOrder: z.number().int(),
  calculated: z.boolean(),
  externalOptions: z.boolean(),
  hasUniqueValue: z.boolean(),
  hidden: z.boolean(),
  formField: z.boolean(),
  dataSensitivity: z.enum(DATA_SENSITIVITIES),
  modificationMetadata: z.object({
    archivable: z.boolean(),
    readOnlyDefinition: z.boolean(),
    readOnlyValue: z.boolean(),
    readOnlyOptions: z.boolean().optional(),
  }),
  numberDisplayHint: z.enum(NUMBER_DISPLAY_HINTS).optional(),
  textDisplayHint: z.enum(TEXT_DISPLAY_HINTS).optional(),
  showCurrencySymbol: z.boolean().optional(),
  referencedObjectType: z.string().optional(),
  calculationFormula: z.string().optional(),
  currencyPropertyName: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  archived: z.boolean(),
  // Present (true) only on HubSpot's own properties; custom properties omit it, as on api.hubapi.com.
  hubspotDefined: z.boolean().optional(),
});
export type PropertyDefinition = z.infer<typeof propertyDefinitionSchema>;

export const propertyGroupSchema = z.object({
  name: z.string(),
  label: z.string(),
  displayOrder: z.number().int(),
  archived: z.boolean(),
});
export type PropertyGroup = z.infer<typeof propertyGroupSchema>;

export const contactRecordSchema = z.object({
  id: z.string().regex(/^\d+$/),
  properties: z.record(z.string(), z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  archived: z.boolean(),
  archivedAt: z.string().optional(),
  /** Set when this contact was merged into another: the id it now resolves to (HubSpot keeps the old id as an alias). */
  mergedInto: z.string().regex(/^\d+$/).optional(),
  /** When each property was last written (cleared ones too): a merge keeps the most recent value per property. */
  propertyUpdatedAt: z.record(z.string(), z.string()).optional(),
});
export type ContactRecord = z.infer<typeof contactRecordSchema>;

export const storeSnapshotSchema = z.object({
  version: z.literal(1),
  nextContactId: z.number().int().positive(),
  groups: z.array(propertyGroupSchema),
  properties: z.array(propertyDefinitionSchema),
  contacts: z.array(contactRecordSchema),
});
export type StoreSnapshot = z.infer<typeof storeSnapshotSchema>;
