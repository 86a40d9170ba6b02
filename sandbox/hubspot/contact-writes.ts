/**
 * The checks HubSpot runs on a batch of contact writes, in its order: duplicate ids and bad
 * property values reject the whole batch (400); an invalid email or a missing (archived,
 * unknown) record fails only its own row (reported in a 207); a unique value held by another
 * contact refuses the whole batch (409, see unique-conflicts.ts).
 */
import { type ErrorDetail, propertyValuesMessage, standardError, type StandardError, validationError } from "./errors";
import type { WriteInput } from "./schemas-contacts";
import type { StandInStore } from "./store";
import { checkPropertyValue, isPlausibleEmail, normalizeEmail } from "./validate-values";

export function resolveIdProperty(
  store: StandInStore,
  idProperty: string | undefined,
  fallback: string | null,
): string {
  const name = idProperty ?? fallback;
  if (name === null)
    throw validationError("Each upsert input needs an idProperty: email or another property with unique values.");
  if (name === "email") return name;
  const property = store.getProperty(name);
  if (!property || property.archived)
    throw validationError(`idProperty '${name}' does not exist.`, { context: { idProperty: [name] } });
  if (!property.hasUniqueValue)
    throw validationError(`idProperty '${name}' is not a property with unique values.`, {
      context: { idProperty: [name] },
    });
  return name;
}

/** HubSpot lower-cases emails, so `Ann@X.com` and ` ann@x.com` name the same contact. */
export function normalizeId(idProperty: string, id: string): string {
  return idProperty === "email" ? normalizeEmail(id) : id.trim();
}

export function rejectDuplicateIds(inputs: readonly WriteInput[], keys: readonly string[]): void {
  const firstIndexByKey = new Map<string, number>();
  const duplicates: string[] = [];
  keys.forEach((key, index) => {
    if (firstIndexByKey.has(key)) duplicates.push(inputs[index]?.id ?? key);
    else firstIndexByKey.set(key, index);
  });
  if (duplicates.length > 0) {
    throw validationError(`Duplicate IDs found in batch input: [${duplicates.join(", ")}]. IDs must be unique`, {
      context: { ids: duplicates },
    });
  }
}

/** Validates every value except `email` (checked per row) and returns the values as HubSpot stores them. */
export function validateBatchValues(store: StandInStore, inputs: readonly WriteInput[]): Array<Record<string, string>> {
  const problems: Array<{ name: string; code: string; message: string; detail: ErrorDetail }> = [];
  const normalized = inputs.map((input, index) => {
    const values: Record<string, string> = {};
    for (const [name, value] of Object.entries(input.properties)) {
      if (name === "email") {
        values.email = value === "" ? "" : normalizeEmail(value);
        continue;
      }
      const property = store.getProperty(name);
      const check =
        property && !property.archived
          ? checkPropertyValue(property, value)
          : { ok: false as const, code: "PROPERTY_DOESNT_EXIST", message: `Property "${name}" does not exist` };
      if (check.ok) {
        values[name] = check.value;
        continue;
      }
      const context = { propertyName: [name], inputIndex: [String(index)], id: [input.id] };
      problems.push({
        name,
        code: check.code,
        message: check.message,
        detail: { message: check.message, code: check.code, in: `inputs[${index}].properties.${name}`, context },
      });
    }
    return values;
  });
  if (problems.length > 0)
    throw validationError(propertyValuesMessage(problems), { errors: problems.map((problem) => problem.detail) });
  return normalized;
}

function rowValueError(input: WriteInput, code: string, message: string): StandardError {
  return standardError(
    "VALIDATION_ERROR",
    propertyValuesMessage([{ name: "email", code, message }]),
    { id: [input.id] },
    [{ message, code, context: { propertyName: ["email"] } }],
  );
}

export function rowEmailError(input: WriteInput, idProperty: string, key: string): StandardError | null {
  if (idProperty === "email" && !isPlausibleEmail(input.id))
    return rowValueError(input, "INVALID_EMAIL", `Email address ${input.id} is invalid`);
  const provided = input.properties.email;
  if (provided === undefined || provided === "") return null;
  if (!isPlausibleEmail(provided)) return rowValueError(input, "INVALID_EMAIL", `Email address ${provided} is invalid`);
  if (idProperty === "email" && normalizeEmail(provided) !== key) {
    return rowValueError(
      input,
      "INVALID_EMAIL",
      `Email ${provided} differs from the upsert id ${input.id}; change emails with batch/update instead`,
    );
  }
  return null;
}

export function rowNotFoundError(input: WriteInput): StandardError {
  return standardError(
    "OBJECT_NOT_FOUND",
    `Could not find a contact with ${input.idProperty ?? "hs_object_id"} ${input.id}`,
    { id: [input.id] },
  );
}
