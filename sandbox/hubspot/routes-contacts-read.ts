/**
 * Contact reads: the paged list, one contact by id or unique property, and batch/read. Like
 * HubSpot, an id merged into another contact answers with the survivor (its own id), and an
 * archived contact is only found with `archived=true`.
 */
import { batchResult } from "./batch-response";
import { normalizeId } from "./contact-writes";
import { contactView, namesFromQuery, type SimplePublicObject } from "./contact-view";
import { notFoundError, standardError, validationError } from "./errors";
import type { ContactRecord } from "./model";
import { contactStatus } from "./store";
import { contactsRoute, queryBoolean, type RequestContext, type Route } from "./router";
import { batchReadSchema } from "./schemas-contacts";
import { parseBody } from "./schemas-shared";

const MAX_PAGE_SIZE = 100;

function readLimit(query: URLSearchParams): number {
  const raw = query.get("limit");
  if (raw === null) return 10;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw validationError(`limit must be an integer from 1 to ${MAX_PAGE_SIZE}, got '${raw}'.`, {
      context: { limit: [raw] },
    });
  }
  return limit;
}

/** Paging cursor of the list endpoint: the id of the first record of the next page. */
function readAfter(query: URLSearchParams): number {
  const raw = query.get("after");
  if (raw === null) return 0;
  if (!/^\d+$/.test(raw))
    throw validationError(`after must be a paging cursor returned by a previous page, got '${raw}'.`, {
      context: { after: [raw] },
    });
  return Number(raw);
}

function lookupIdProperty(context: RequestContext, idProperty: string | undefined): string {
  const name = idProperty ?? "hs_object_id";
  if (name === "hs_object_id" || name === "email") return name;
  const property = context.store.getProperty(name);
  if (!property?.hasUniqueValue)
    throw validationError(`idProperty '${name}' is not a property with unique values.`, {
      context: { idProperty: [name] },
    });
  return name;
}

/** `archived=true` finds only archived (restorable) contacts, by their own id; merged-away ones are not among them. */
function findContact(
  context: RequestContext,
  idProperty: string,
  id: string,
  isArchived: boolean,
): ContactRecord | undefined {
  if (!isArchived) return context.store.findContactByProperty(idProperty, normalizeId(idProperty, id));
  const contact = idProperty === "hs_object_id" ? context.store.getContact(id.trim()) : undefined;
  return contact && contactStatus(contact) === "archived" ? contact : undefined;
}

function handleList(context: RequestContext) {
  const limit = readLimit(context.query);
  const after = readAfter(context.query);
  const isArchived = queryBoolean(context.query, "archived", false);
  const view = {
    properties: namesFromQuery(context.query, "properties"),
    propertiesWithHistory: namesFromQuery(context.query, "propertiesWithHistory"),
  };
  const candidates = context.store
    .listContacts()
    .filter(
      (contact) => contactStatus(contact) === (isArchived ? "archived" : "active") && Number(contact.id) >= after,
    );
  const page = candidates.slice(0, limit);
  const next = candidates[limit];
  const body: { results: SimplePublicObject[]; paging?: { next: { after: string; link: string } } } = {
    results: page.map((contact) => contactView(context.store, contact, view)),
  };
  if (next) {
    const link = new URL(context.pathname, context.origin);
    link.searchParams.set("after", next.id);
    link.searchParams.set("limit", String(limit));
    body.paging = { next: { after: next.id, link: link.toString() } };
  }
  return { status: 200, body };
}

function handleGetById(context: RequestContext) {
  const id = context.params.contactId ?? "";
  const idProperty = lookupIdProperty(context, context.query.get("idProperty") ?? undefined);
  const contact = findContact(context, idProperty, id, queryBoolean(context.query, "archived", false));
  if (!contact) throw notFoundError(`Object not found. objectId are usually numeric.`, { id: [id] });
  const view = {
    properties: namesFromQuery(context.query, "properties"),
    propertiesWithHistory: namesFromQuery(context.query, "propertiesWithHistory"),
  };
  return { status: 200, body: contactView(context.store, contact, view) };
}

function handleBatchRead(context: RequestContext) {
  const request = parseBody(batchReadSchema, context.body);
  const idProperty = lookupIdProperty(context, request.idProperty);
  const isArchived = queryBoolean(context.query, "archived", false);
  const results: SimplePublicObject[] = [];
  const missing: string[] = [];
  for (const { id } of request.inputs) {
    const contact = findContact(context, idProperty, id, isArchived);
    if (!contact) missing.push(id);
    // HubSpot answers each record once even when it is asked for twice.
    else if (!results.some((result) => result.id === contact.id))
      results.push(contactView(context.store, contact, request));
  }
  const errors =
    missing.length === 0
      ? []
      : [
          standardError(
            "OBJECT_NOT_FOUND",
            "Could not get some CONTACT objects, they may be deleted or not exist. Check that ids are valid.",
            { ids: missing },
          ),
        ];
  return batchResult(200, context.orderResults(results), errors, context.now, new Date());
}

export const contactReadRoutes: Route[] = [
  contactsRoute("POST", "/batch/read", handleBatchRead),
  contactsRoute("GET", "", handleList),
  contactsRoute("GET", "/:contactId", handleGetById),
];
