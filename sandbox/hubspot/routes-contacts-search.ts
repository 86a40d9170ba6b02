/** `POST /crm/v3/objects/contacts/search`. */
import { contactView, DEFAULT_READ_PROPERTIES } from "./contact-view";
import { validationError } from "./errors";
import type { ContactRecord } from "./model";
import { contactsRoute, type RequestContext, type Route } from "./router";
import { MAX_SEARCH_FILTERS, searchSchema } from "./schemas-contacts";
import { parseBody } from "./schemas-shared";
import { compileFilter, matchesQuery, sortComparator } from "./search-filters";

// HubSpot's search pages through at most 10,000 results per query; deeper paging is a 400.
const MAX_SEARCH_WINDOW = 10_000;

function handleSearch(context: RequestContext) {
  const request = parseBody(searchSchema, context.body);
  const groups = request.filterGroups ?? [];
  const filterCount = groups.reduce((sum, group) => sum + group.filters.length, 0);
  if (filterCount > MAX_SEARCH_FILTERS)
    throw validationError(`A search may use at most ${MAX_SEARCH_FILTERS} filters in all, got ${filterCount}.`);
  const limit = request.limit ?? 10;
  const offset = Number(request.after ?? "0");
  if (offset + limit > MAX_SEARCH_WINDOW)
    throw validationError(`Search results are limited to ${MAX_SEARCH_WINDOW}: after + limit must not exceed it.`);

  const compiled = groups.map((group) => group.filters.map((filter) => compileFilter(context.store, filter)));
  const comparator = sortComparator(context.store, request.sorts?.[0]);
  const matchesGroups = (contact: ContactRecord) =>
    compiled.length === 0 || compiled.some((filters) => filters.every((predicate) => predicate(contact)));
  const matches = context.store
    .listContacts()
    .filter((contact) => !contact.archived && matchesGroups(contact) && matchesQuery(contact, request.query ?? ""))
    .sort(comparator);

  const properties = request.properties && request.properties.length > 0 ? request.properties : DEFAULT_READ_PROPERTIES;
  const page = matches
    .slice(offset, offset + limit)
    .map((contact) => contactView(context.store, contact, { properties }));
  const nextOffset = offset + limit;
  const body = {
    total: matches.length,
    results: page,
    ...(nextOffset < matches.length && limit > 0 ? { paging: { next: { after: String(nextOffset) } } } : {}),
  };
  return { status: 200, body };
}

export const contactSearchRoutes: Route[] = [contactsRoute("POST", "/search", handleSearch)];
