/** `POST /crm/v3/objects/contacts/batch/upsert` and `/batch/update`. */
import { batchResult } from "./batch-response";
import type { StandardError } from "./errors";
import {
  normalizeId,
  rejectDuplicateIds,
  resolveIdProperty,
  rowEmailError,
  rowNotFoundError,
  rowUniqueConflict,
  validateBatchValues,
} from "./contact-writes";
import { type SimplePublicObject, writtenContactView } from "./contact-view";
import { contactsRoute, type RequestContext, type Route } from "./router";
import { batchUpdateSchema, batchUpsertSchema, type WriteInput } from "./schemas-contacts";
import { parseBody } from "./schemas-shared";

interface PreparedBatch {
  inputs: WriteInput[];
  idProperties: string[];
  keys: string[];
  values: Array<Record<string, string>>;
}

function prepareBatch(context: RequestContext, inputs: WriteInput[], fallbackIdProperty: string | null): PreparedBatch {
  const idProperties = inputs.map((input) => resolveIdProperty(context.store, input.idProperty, fallbackIdProperty));
  const keys = inputs.map((input, index) => normalizeId(idProperties[index] ?? "", input.id));
  rejectDuplicateIds(inputs, keys.map((key, index) => `${idProperties[index]}\u0000${key}`));
  return { inputs, idProperties, keys, values: validateBatchValues(context.store, inputs) };
}

function handleUpsert(context: RequestContext) {
  const { inputs: rawInputs } = parseBody(batchUpsertSchema, context.body);
  const { inputs, idProperties, keys, values } = prepareBatch(context, rawInputs, null);
  const { store, now } = context;
  const results: Array<SimplePublicObject & { new: boolean }> = [];
  const errors: StandardError[] = [];
  for (const [index, input] of inputs.entries()) {
    const idProperty = idProperties[index] ?? "email";
    const key = keys[index] ?? "";
    const emailError = rowEmailError(input, idProperty, key);
    if (emailError) {
      errors.push(emailError);
      continue;
    }
    const existing = store.findContactByProperty(idProperty, key);
    // A record id cannot be chosen by the client, so upserting by hs_object_id only updates.
    if (!existing && idProperty === "hs_object_id") {
      errors.push(rowNotFoundError(input));
      continue;
    }
    const writes = { ...values[index] };
    if (!existing || idProperty === "email") writes[idProperty] = key;
    const conflict = rowUniqueConflict(store, input, writes, existing);
    if (conflict) {
      errors.push(conflict);
      continue;
    }
    const contact = existing ? store.updateContact(existing, writes, now) : store.createContact(writes, now);
    results.push({ ...writtenContactView(store, contact, Object.keys(input.properties)), new: !existing });
  }
  return batchResult(200, results, errors, now, new Date());
}

function handleUpdate(context: RequestContext) {
  const { inputs: rawInputs } = parseBody(batchUpdateSchema, context.body);
  const { inputs, idProperties, keys, values } = prepareBatch(context, rawInputs, "hs_object_id");
  const { store, now } = context;
  const results: SimplePublicObject[] = [];
  const errors: StandardError[] = [];
  for (const [index, input] of inputs.entries()) {
    const idProperty = idProperties[index] ?? "hs_object_id";
    const emailError = rowEmailError(input, idProperty, keys[index] ?? "");
    if (emailError) {
      errors.push(emailError);
      continue;
    }
    const existing = store.findContactByProperty(idProperty, keys[index] ?? "");
    if (!existing) {
      errors.push(rowNotFoundError(input));
      continue;
    }
    const writes = values[index] ?? {};
    const conflict = rowUniqueConflict(store, input, writes, existing);
    if (conflict) {
      errors.push(conflict);
      continue;
    }
    results.push(writtenContactView(store, store.updateContact(existing, writes, now), Object.keys(input.properties)));
  }
  return batchResult(200, results, errors, now, new Date());
}

export const contactWriteRoutes: Route[] = [
  contactsRoute("POST", "/batch/upsert", handleUpsert),
  contactsRoute("POST", "/batch/update", handleUpdate),
];
