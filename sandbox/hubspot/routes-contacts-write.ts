/**
 * `POST /crm/v3/objects/contacts/batch/upsert` and `/batch/update`. Each runs in two passes:
 * plan every row (row errors go to the 207's `errors`), refuse the whole batch on a unique-value
 * conflict (409), then write. Ids of merged-away contacts resolve to the survivor, whose id the
 * result carries.
 */
import { batchResult } from "./batch-response";
import type { StandardError } from "./errors";
import {
  normalizeId,
  rejectDuplicateIds,
  resolveIdProperty,
  rowEmailError,
  rowNotFoundError,
  validateBatchValues,
} from "./contact-writes";
import { type SimplePublicObject, writtenContactView } from "./contact-view";
import type { ContactRecord } from "./model";
import { contactsRoute, type RequestContext, type Route } from "./router";
import { batchUpdateSchema, batchUpsertSchema, type WriteInput } from "./schemas-contacts";
import { parseBody } from "./schemas-shared";
import { assertNoUniqueConflicts, type PlannedWrite } from "./unique-conflicts";

interface PreparedBatch {
  inputs: WriteInput[];
  idProperties: string[];
  keys: string[];
  values: Array<Record<string, string>>;
}

interface PlannedRow extends PlannedWrite {
  input: WriteInput;
}

function prepareBatch(context: RequestContext, inputs: WriteInput[], fallbackIdProperty: string | null): PreparedBatch {
  const idProperties = inputs.map((input) => resolveIdProperty(context.store, input.idProperty, fallbackIdProperty));
  const keys = inputs.map((input, index) => normalizeId(idProperties[index] ?? "", input.id));
  rejectDuplicateIds(
    inputs,
    keys.map((key, index) => `${idProperties[index]}\u0000${key}`),
  );
  return { inputs, idProperties, keys, values: validateBatchValues(context.store, inputs) };
}

/** The spec's `objectWriteTraceId` is echoed on the row's result so clients can match results to inputs. */
function withTrace<T extends SimplePublicObject>(view: T, input: WriteInput): T & { objectWriteTraceId?: string } {
  return input.objectWriteTraceId === undefined ? view : { ...view, objectWriteTraceId: input.objectWriteTraceId };
}

function writeRow(context: RequestContext, row: PlannedRow): ContactRecord {
  return row.target
    ? context.store.updateContact(row.target, row.writes, context.now)
    : context.store.createContact(row.writes, context.now);
}

function handleUpsert(context: RequestContext) {
  const { inputs: rawInputs } = parseBody(batchUpsertSchema, context.body);
  const { inputs, idProperties, keys, values } = prepareBatch(context, rawInputs, null);
  const { store } = context;
  const planned: PlannedRow[] = [];
  const errors: StandardError[] = [];
  for (const [index, input] of inputs.entries()) {
    const idProperty = idProperties[index] ?? "email";
    const key = keys[index] ?? "";
    const emailError = rowEmailError(input, idProperty, key);
    if (emailError) {
      errors.push(emailError);
      continue;
    }
    const target = store.findContactByProperty(idProperty, key);
    // A record id cannot be chosen by the client, so upserting by hs_object_id only updates.
    if (!target && idProperty === "hs_object_id") {
      errors.push(rowNotFoundError(input));
      continue;
    }
    const writes = { ...values[index] };
    // The id value is written only on create: an email that matched a secondary email (left by a
    // merge) must not replace the survivor's primary email, so the answer echoes the survivor's.
    if (!target) writes[idProperty] = key;
    else if (idProperty === "email") delete writes.email;
    planned.push({ input, target, writes });
  }
  assertNoUniqueConflicts(store, planned);
  const results = planned.map((row) => {
    const isNew = row.target === undefined;
    const contact = writeRow(context, row);
    return {
      ...withTrace(writtenContactView(store, contact, Object.keys(row.input.properties)), row.input),
      new: isNew,
    };
  });
  return batchResult(200, context.orderResults(results), errors, context.now, new Date());
}

function handleUpdate(context: RequestContext) {
  const { inputs: rawInputs } = parseBody(batchUpdateSchema, context.body);
  const { inputs, idProperties, keys, values } = prepareBatch(context, rawInputs, "hs_object_id");
  const { store } = context;
  const planned: PlannedRow[] = [];
  const errors: StandardError[] = [];
  for (const [index, input] of inputs.entries()) {
    const idProperty = idProperties[index] ?? "hs_object_id";
    const emailError = rowEmailError(input, idProperty, keys[index] ?? "");
    if (emailError) {
      errors.push(emailError);
      continue;
    }
    const target = store.findContactByProperty(idProperty, keys[index] ?? "");
    if (!target) errors.push(rowNotFoundError(input));
    else planned.push({ input, target, writes: values[index] ?? {} });
  }
  assertNoUniqueConflicts(store, planned);
  const results = planned.map((row) =>
    withTrace(writtenContactView(store, writeRow(context, row), Object.keys(row.input.properties)), row.input),
  );
  return batchResult(200, context.orderResults(results), errors, context.now, new Date());
}

export const contactWriteRoutes: Route[] = [
  contactsRoute("POST", "/batch/upsert", handleUpsert),
  contactsRoute("POST", "/batch/update", handleUpdate),
];
