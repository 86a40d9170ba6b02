/**
 * What a HubSpot user does to contacts in the UI, for tests to stage identity cases the sync
 * engine must survive: create a contact the app never wrote, edit a property, merge two
 * contacts, archive one, and look at a record by id whatever became of it. The same value,
 * uniqueness and merge rules as the API apply; the user may also edit secondary emails
 * (`hs_additional_emails`), which the API cannot.
 */
import { z } from "zod";
import { archiveContactById, mergeContactsById } from "./contact-lifecycle";
import { notFoundError, validationError } from "./errors";
import type { ContactRecord } from "./model";
import { type ContactStatus, contactStatus, type StandInStore } from "./store";
import { assertNoUniqueConflicts } from "./unique-conflicts";
import { ADDITIONAL_EMAILS, splitEmails } from "./unique-index";
import { checkPropertyValue, isPlausibleEmail, normalizeEmail } from "./validate-values";

const propertyValues = z.record(z.string(), z.string());
export const controlCreateContactSchema = z.strictObject({
  email: z.string().optional(),
  properties: propertyValues.optional(),
});
export type ControlCreateContact = z.infer<typeof controlCreateContactSchema>;
export const controlEditContactSchema = z.strictObject({ properties: propertyValues });

export interface ContactInspection {
  /** The id asked about. */
  id: string;
  status: ContactStatus;
  /** The live contact this id now names: itself, its survivor when merged, null when archived. */
  resolvedId: string | null;
  mergedInto?: string;
  archivedAt?: string;
  /** The record's own stored values (for a merged id: as they were when it was merged). */
  properties: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

export function inspectContact(store: StandInStore, id: string): ContactInspection | undefined {
  const contact = store.getContact(id.trim());
  if (!contact) return undefined;
  const status = contactStatus(contact);
  return {
    id: contact.id,
    status,
    resolvedId: status === "archived" ? null : (store.resolveContact(contact.id)?.id ?? null),
    ...(contact.mergedInto !== undefined ? { mergedInto: contact.mergedInto } : {}),
    ...(contact.archivedAt !== undefined ? { archivedAt: contact.archivedAt } : {}),
    properties: { ...contact.properties },
    createdAt: contact.createdAt,
    updatedAt: contact.updatedAt,
  };
}

function mustInspect(store: StandInStore, contact: ContactRecord): ContactInspection {
  const inspection = inspectContact(store, contact.id);
  if (!inspection) throw new Error(`Contact ${contact.id} vanished from the store.`);
  return inspection;
}

function userValue(store: StandInStore, name: string, value: string): string {
  if (value === "") return value;
  if (name === "email" || name === ADDITIONAL_EMAILS) {
    const emails = name === "email" ? [value] : value.split(";").filter((email) => email.trim() !== "");
    const bad = emails.find((email) => !isPlausibleEmail(email));
    if (bad !== undefined)
      throw validationError(`Email address ${bad} is invalid`, { context: { propertyName: [name] } });
    return name === "email" ? normalizeEmail(value) : splitEmails(value).join(";");
  }
  const property = store.getProperty(name);
  if (!property || property.archived)
    throw validationError(`Property "${name}" does not exist`, { context: { propertyName: [name] } });
  const check = checkPropertyValue(property, value);
  if (!check.ok) throw validationError(`${name}: ${check.message}`, { context: { propertyName: [name] } });
  return check.value;
}

function userValues(store: StandInStore, properties: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(properties).map(([name, value]) => [name, userValue(store, name, value)]));
}

export function createContactAsUser(store: StandInStore, input: ControlCreateContact, now: Date): ContactInspection {
  const writes = userValues(store, {
    ...input.properties,
    ...(input.email !== undefined ? { email: input.email } : {}),
  });
  assertNoUniqueConflicts(store, [{ target: undefined, writes }]);
  return mustInspect(store, store.createContact(writes, now));
}

/** Edits the live contact `id` names (a merged id edits its survivor). */
export function editContactAsUser(
  store: StandInStore,
  id: string,
  properties: Record<string, string>,
  now: Date,
): ContactInspection {
  const contact = store.resolveContact(id);
  if (!contact) throw notFoundError(`Contact ${id} does not exist or is archived.`, { id: [id] });
  const writes = userValues(store, properties);
  assertNoUniqueConflicts(store, [{ target: contact, writes }]);
  return mustInspect(store, store.updateContact(contact, writes, now));
}

export function mergeContactsAsUser(
  store: StandInStore,
  primaryObjectId: string,
  objectIdToMerge: string,
  now: Date,
): ContactInspection {
  return mustInspect(store, mergeContactsById(store, primaryObjectId, objectIdToMerge, now));
}

/** Archives the live contact `id` names and returns what became of `id`. */
export function archiveContactAsUser(store: StandInStore, id: string, now: Date): ContactInspection {
  const archived = archiveContactById(store, id, now);
  if (!archived) throw notFoundError(`Contact ${id} does not exist or is already archived.`, { id: [id] });
  return mustInspect(store, archived);
}
