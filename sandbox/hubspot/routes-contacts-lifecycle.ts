/**
 * `DELETE /crm/v3/objects/contacts/{contactId}` (spec `delete-/crm/v3/objects/contacts/{contactId}_archive`),
 * `POST /batch/archive` (`post-/crm/v3/objects/contacts/batch/archive_archive`, body
 * `BatchInputSimplePublicObjectId`) and `POST /merge` (`post-/crm/v3/objects/contacts/merge_merge`,
 * body `PublicMergeInput`, answer `SimplePublicObject`). Archives answer 204 with no body.
 */
import { archiveContactById, mergeContactsById } from "./contact-lifecycle";
import { contactView } from "./contact-view";
import { contactsRoute, type RequestContext, type Route } from "./router";
import { batchArchiveSchema, mergeSchema } from "./schemas-contacts";
import { parseBody } from "./schemas-shared";

function handleArchive(context: RequestContext) {
  archiveContactById(context.store, context.params.contactId ?? "", context.now);
  return { status: 204, body: undefined };
}

function handleBatchArchive(context: RequestContext) {
  const { inputs } = parseBody(batchArchiveSchema, context.body);
  for (const { id } of inputs) archiveContactById(context.store, id, context.now);
  return { status: 204, body: undefined };
}

function handleMerge(context: RequestContext) {
  const { primaryObjectId, objectIdToMerge } = parseBody(mergeSchema, context.body);
  const survivor = mergeContactsById(context.store, primaryObjectId, objectIdToMerge, context.now);
  return { status: 200, body: contactView(context.store, survivor) };
}

export const contactLifecycleRoutes: Route[] = [
  contactsRoute("POST", "/batch/archive", handleBatchArchive),
  contactsRoute("POST", "/merge", handleMerge),
  contactsRoute("DELETE", "/:contactId", handleArchive),
];
