/**
 * What HubSpot checks when a property or group is created or changed: name syntax, an existing
 * group, a type/fieldType pair it supports, and options for enumerations.
 */
import { alreadyExistsError, HubSpotHttpError, notFoundError, validationError } from "./errors";
import type { FieldType, PropertyDefinition, PropertyGroup, PropertyOption, PropertyType } from "./model";
import type { GroupCreateInput, OptionInput, PropertyCreateInput, PropertyUpdateInput } from "./schemas-properties";
import type { StandInStore } from "./store";

const INTERNAL_NAME = /^[a-z][a-z0-9_]*$/;
const MAX_NAME_LENGTH = 100;

/** HubSpot's table of field types each property type may be shown as. */
const FIELD_TYPES_BY_TYPE: Record<PropertyType, readonly FieldType[]> = {
  bool: ["booleancheckbox", "calculation_equation"],
  enumeration: ["booleancheckbox", "checkbox", "radio", "select", "calculation_equation"],
  date: ["date"],
  datetime: ["date"],
  number: ["number", "calculation_equation"],
  string: ["text", "textarea", "file", "html", "phonenumber", "calculation_equation"],
  phone_number: ["phonenumber"],
};

const BOOL_OPTIONS: PropertyOption[] = [
  { label: "Yes", value: "true", displayOrder: 0, hidden: false },
  { label: "No", value: "false", displayOrder: 1, hidden: false },
];

function checkInternalName(kind: "Property" | "Property group", name: string): void {
  if (name.length > MAX_NAME_LENGTH || !INTERNAL_NAME.test(name)) {
    throw validationError(
      `${kind} name '${name}' is invalid: use at most ${MAX_NAME_LENGTH} characters, lower case letters, digits and underscores, starting with a letter.`,
      { context: { name: [name] } },
    );
  }
}

function checkLabel(label: string, name: string): void {
  if (label.trim() === "")
    throw validationError(`The label of '${name}' must not be empty.`, { context: { name: [name] } });
}

function checkGroupExists(store: StandInStore, groupName: string, propertyName: string): void {
  const group = store.getGroup(groupName);
  if (!group || group.archived) {
    throw validationError(
      `Property group '${groupName}' does not exist; create it before adding property '${propertyName}' to it.`,
      {
        context: { groupName: [groupName], name: [propertyName] },
      },
    );
  }
}

function checkTypePair(name: string, type: PropertyType, fieldType: FieldType): void {
  const allowed = FIELD_TYPES_BY_TYPE[type];
  if (!allowed.includes(fieldType)) {
    throw validationError(
      `Property '${name}': fieldType '${fieldType}' is not valid for type '${type}' (allowed: ${allowed.join(", ")}).`,
      {
        context: { name: [name], type: [type], fieldType: [fieldType] },
      },
    );
  }
}

function normalizeOptions(name: string, type: PropertyType, options: OptionInput[] | undefined): PropertyOption[] {
  if (type === "bool" && (options === undefined || options.length === 0))
    return BOOL_OPTIONS.map((option) => ({ ...option }));
  if (type !== "enumeration" && type !== "bool") {
    if (options && options.length > 0)
      throw validationError(`Property '${name}' of type '${type}' cannot have options.`, { context: { name: [name] } });
    return [];
  }
  if (!options || options.length === 0) {
    throw validationError(`Property '${name}' of type 'enumeration' needs at least one option.`, {
      context: { name: [name] },
    });
  }
  const seen = new Set<string>();
  return options.map((option, index) => {
    if (option.value === "" || option.label.trim() === "") {
      throw validationError(`Property '${name}': option ${index} needs a non-empty label and value.`, {
        context: { name: [name] },
      });
    }
    if (seen.has(option.value)) {
      throw validationError(`Property '${name}': option value '${option.value}' appears more than once.`, {
        context: { name: [name], value: [option.value] },
      });
    }
    seen.add(option.value);
    return {
      label: option.label,
      value: option.value,
      ...(option.description !== undefined ? { description: option.description } : {}),
      displayOrder: option.displayOrder ?? index,
      hidden: option.hidden ?? false,
    };
  });
}

function displayHints(input: PropertyCreateInput | PropertyUpdateInput): Partial<PropertyDefinition> {
  const hints: Partial<PropertyDefinition> = {};
  if (input.numberDisplayHint !== undefined) hints.numberDisplayHint = input.numberDisplayHint;
  if (input.textDisplayHint !== undefined) hints.textDisplayHint = input.textDisplayHint;
  if (input.showCurrencySymbol !== undefined) hints.showCurrencySymbol = input.showCurrencySymbol;
  if (input.calculationFormula !== undefined) hints.calculationFormula = input.calculationFormula;
  if (input.currencyPropertyName !== undefined) hints.currencyPropertyName = input.currencyPropertyName;
  return hints;
}

/** Validates a create request against the store and returns the definition to save; throws a 400 or 409. */
export function buildProperty(store: StandInStore, input: PropertyCreateInput, now: Date): PropertyDefinition {
  checkInternalName("Property", input.name);
  // The `hs_` prefix is reserved for HubSpot's own properties.
  if (input.name.startsWith("hs_"))
    throw validationError(`Property name '${input.name}' uses the reserved prefix 'hs_'.`, {
      context: { name: [input.name] },
    });
  if (store.getProperty(input.name))
    throw alreadyExistsError(`Property named '${input.name}' already exists.`, { name: [input.name] });
  checkLabel(input.label, input.name);
  checkGroupExists(store, input.groupName, input.name);
  checkTypePair(input.name, input.type, input.fieldType);
  const timestamp = now.toISOString();
  return {
    name: input.name,
    label: input.label,
    type: input.type,
    fieldType: input.fieldType,
    groupName: input.groupName,
    description: input.description ?? "",
    options: normalizeOptions(input.name, input.type, input.options),
    displayOrder: input.displayOrder ?? -1,
    calculated: false,
    externalOptions: input.externalOptions ?? false,
    hasUniqueValue: input.hasUniqueValue ?? false,
    hidden: input.hidden ?? false,
    formField: input.formField ?? false,
    dataSensitivity: input.dataSensitivity ?? "non_sensitive",
    modificationMetadata: { archivable: true, readOnlyDefinition: false, readOnlyValue: false },
    ...(input.referencedObjectType !== undefined ? { referencedObjectType: input.referencedObjectType } : {}),
    ...displayHints(input),
    createdAt: timestamp,
    updatedAt: timestamp,
    archived: false,
  };
}

export function updateProperty(
  store: StandInStore,
  name: string,
  patch: PropertyUpdateInput,
  now: Date,
): PropertyDefinition {
  const existing = store.getProperty(name);
  if (!existing || existing.archived) throw notFoundError(`Property ${name} does not exist`, { name: [name] });
  if (existing.modificationMetadata.readOnlyDefinition) {
    throw new HubSpotHttpError(
      400,
      "VALIDATION_ERROR",
      `Property ${name} is defined by HubSpot and its definition is read-only.`,
      {
        subCategory: "READ_ONLY_DEFINITION",
        context: { name: [name] },
      },
    );
  }
  const type = patch.type ?? existing.type;
  const fieldType = patch.fieldType ?? existing.fieldType;
  const groupName = patch.groupName ?? existing.groupName;
  if (patch.label !== undefined) checkLabel(patch.label, name);
  if (patch.groupName !== undefined) checkGroupExists(store, groupName, name);
  checkTypePair(name, type, fieldType);
  const typeChanged = type !== existing.type;
  const options =
    patch.options !== undefined || typeChanged
      ? normalizeOptions(name, type, patch.options ?? (typeChanged ? [] : existing.options))
      : existing.options;
  return {
    ...existing,
    ...(patch.label !== undefined ? { label: patch.label } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.displayOrder !== undefined ? { displayOrder: patch.displayOrder } : {}),
    ...(patch.hidden !== undefined ? { hidden: patch.hidden } : {}),
    ...(patch.formField !== undefined ? { formField: patch.formField } : {}),
    ...displayHints(patch),
    type,
    fieldType,
    groupName,
    options,
    updatedAt: now.toISOString(),
  };
}

export function buildGroup(store: StandInStore, input: GroupCreateInput): PropertyGroup {
  checkInternalName("Property group", input.name);
  if (store.getGroup(input.name))
    throw alreadyExistsError(`Property group named '${input.name}' already exists.`, { name: [input.name] });
  checkLabel(input.label, input.name);
  return { name: input.name, label: input.label, displayOrder: input.displayOrder ?? -1, archived: false };
}
