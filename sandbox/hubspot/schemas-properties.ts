/**
 * Request bodies of the Properties v3 API (spec schemas `PropertyCreate`, `PropertyUpdate`,
 * `PropertyGroupCreate`, `PropertyGroupUpdate`, `BatchInputPropertyCreate`,
 * `BatchReadInputPropertyName`). Objects are strict: HubSpot's JSON reader rejects unknown fields.
 */
import { z } from "zod";
import { DATA_SENSITIVITIES, FIELD_TYPES, NUMBER_DISPLAY_HINTS, PROPERTY_TYPES, TEXT_DISPLAY_HINTS } from "./model";
import { batchInputs } from "./schemas-shared";

// The spec marks `hidden` required, but api.hubapi.com defaults it to false; requiring it would reject real-world payloads.
const optionInputSchema = z.strictObject({
  label: z.string(),
  value: z.string(),
  description: z.string().optional(),
  displayOrder: z.number().int().optional(),
  hidden: z.boolean().optional(),
});
export type OptionInput = z.infer<typeof optionInputSchema>;

const sharedPropertyFields = {
  label: z.string(),
  type: z.enum(PROPERTY_TYPES),
  fieldType: z.enum(FIELD_TYPES),
  groupName: z.string(),
  description: z.string().optional(),
  displayOrder: z.number().int().optional(),
  options: z.array(optionInputSchema).optional(),
  hidden: z.boolean().optional(),
  formField: z.boolean().optional(),
  calculationFormula: z.string().optional(),
  currencyPropertyName: z.string().optional(),
  numberDisplayHint: z.enum(NUMBER_DISPLAY_HINTS).optional(),
  textDisplayHint: z.enum(TEXT_DISPLAY_HINTS).optional(),
  showCurrencySymbol: z.boolean().optional(),
};

export const propertyCreateSchema = z.strictObject({
  ...sharedPropertyFields,
  name: z.string(),
  hasUniqueValue: z.boolean().optional(),
  externalOptions: z.boolean().optional(),
  referencedObjectType: z.string().optional(),
  dataSensitivity: z.enum(DATA_SENSITIVITIES).optional(),
});
export type PropertyCreateInput = z.infer<typeof propertyCreateSchema>;

export const propertyUpdateSchema = z.strictObject({
  label: sharedPropertyFields.label.optional(),
  type: sharedPropertyFields.type.optional(),
  fieldType: sharedPropertyFields.fieldType.optional(),
  groupName: sharedPropertyFields.groupName.optional(),
  description: sharedPropertyFields.description,
  displayOrder: sharedPropertyFields.displayOrder,
  options: sharedPropertyFields.options,
  hidden: sharedPropertyFields.hidden,
  formField: sharedPropertyFields.formField,
  calculationFormula: sharedPropertyFields.calculationFormula,
  currencyPropertyName: sharedPropertyFields.currencyPropertyName,
  numberDisplayHint: sharedPropertyFields.numberDisplayHint,
  textDisplayHint: sharedPropertyFields.textDisplayHint,
  showCurrencySymbol: sharedPropertyFields.showCurrencySymbol,
});
export type PropertyUpdateInput = z.infer<typeof propertyUpdateSchema>;

export const propertyBatchCreateSchema = z.strictObject({ inputs: batchInputs(propertyCreateSchema) });

// The spec lists `archived` and `dataSensitivity` as required; HubSpot (and the SDK's own docs) send only `inputs`.
export const propertyBatchReadSchema = z.strictObject({
  inputs: batchInputs(z.strictObject({ name: z.string() })),
  archived: z.boolean().optional(),
  dataSensitivity: z.enum(DATA_SENSITIVITIES).optional(),
});

export const groupCreateSchema = z.strictObject({
  name: z.string(),
  label: z.string(),
  displayOrder: z.number().int().optional(),
});
export type GroupCreateInput = z.infer<typeof groupCreateSchema>;

export const groupUpdateSchema = z.strictObject({
  label: z.string().optional(),
  displayOrder: z.number().int().optional(),
});
