/**
 * Archiving and merging contacts, shared by the API routes and the `/__control/` helpers (which
 * stand for a HubSpot user doing the same in the UI).
 */
import { notFoundError, validationError } from "./errors";
import type { ContactRecord } from "./model";
import type { StandInStore } from "./store";

function liveContact(store: StandInStore, id: string, role: string): ContactRecord {
  const contact = store.resolveContact(id);
  if (!contact) throw notFoundError(`${role} ${id} does not exist or is archived.`, { id: [id] });
  return contact;
}

/**
 * `POST /crm/v3/objects/contacts/merge` (spec operation `post-/crm/v3/objects/contacts/merge_merge`,
 * body `PublicMergeInput`): the primary survives; ids are resolved first, so an id already merged
 * away stands for its survivor.
 */
export function mergeContactsById(
  store: StandInStore,
  primaryObjectId: string,
  objectIdToMerge: string,
  now: Date,
): ContactRecord {
  const primary = liveContact(store, primaryObjectId, "primaryObjectId");
  const secondary = liveContact(store, objectIdToMerge, "objectIdToMerge");
  if (primary.id === secondary.id) {
    throw validationError(`Cannot merge contact ${primary.id} into itself.`, {
      context: { primaryObjectId: [primaryObjectId], objectIdToMerge: [objectIdToMerge] },
    });
  }
  return store.mergeContacts(primary, secondary, now);
}

/** Archives the contact an id names (a merged id names its survivor). Unknown or already archived ids are a no-op, as HubSpot's 204 is. */
export function archiveContactById(store: StandInStore, id: string, now: Date): ContactRecord | undefined {
  const contact = store.resolveContact(id);
  return contact ? store.archiveContact(contact, now) : undefined;
}
