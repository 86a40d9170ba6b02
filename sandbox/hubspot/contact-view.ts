/**
 * Contacts as the API returns them (`SimplePublicObject`). Like HubSpot, a read without
 * `properties` returns a small default set; a read with `properties` returns those (null when
 * unset, unknown names dropped) plus the three system properties HubSpot always includes.
 */
import type { ContactRecord } from "./model";
import type { StandInStore } from "./store";

export const DEFAULT_READ_PROPERTIES = [
  "createdate",
  "email",
  "firstname",
  "hs_object_id",
  "lastmodifieddate",
  "lastname",
] as const;
const ALWAYS_RETURNED = ["createdate", "hs_object_id", "lastmodifieddate"] as const;

export interface SimplePublicObject {
  id: string;
  properties: Record<string, string | null>;
  propertiesWithHistory?: Record<string, Array<{ value: string; timestamp: string; sourceType: string }>>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
}

export interface ViewOptions {
  properties?: readonly string[];
  propertiesWithHistory?: readonly string[];
}

function selectedNames(store: StandInStore, requested: readonly string[] | undefined): string[] {
  if (!requested || requested.length === 0) return [...DEFAULT_READ_PROPERTIES];
  const known = requested.filter((name) => store.getProperty(name) !== undefined);
  return [...new Set([...ALWAYS_RETURNED, ...known])].sort();
}

/** Query parameters arrive repeated (`properties=a&properties=b`, as the SDK sends them) or comma-separated. */
export function namesFromQuery(query: URLSearchParams, name: string): string[] | undefined {
  const values = query
    .getAll(name)
    .flatMap((value) => value.split(","))
    .map((value) => value.trim())
    .filter(Boolean);
  return values.length > 0 ? values : undefined;
}

export function contactView(
  store: StandInStore,
  contact: ContactRecord,
  options: ViewOptions = {},
): SimplePublicObject {
  const properties = Object.fromEntries(
    selectedNames(store, options.properties).map((name) => [name, contact.properties[name] ?? null]),
  );
  const view: SimplePublicObject = {
    id: contact.id,
    properties,
    createdAt: contact.createdAt,
    updatedAt: contact.updatedAt,
    archived: contact.archived,
  };
  if (contact.archivedAt !== undefined && contact.archived) view.archivedAt = contact.archivedAt;
  if (options.propertiesWithHistory && options.propertiesWithHistory.length > 0) {
    // The stand-in keeps no history: the current value is the only version, stamped with the last write.
    view.propertiesWithHistory = Object.fromEntries(
      options.propertiesWithHistory.map((name) => {
        const value = contact.properties[name];
        return [name, value === undefined ? [] : [{ value, timestamp: contact.updatedAt, sourceType: "API" }]];
      }),
    );
  }
  return view;
}

/** Write answers echo the written properties plus the system ones. */
export function writtenContactView(
  store: StandInStore,
  contact: ContactRecord,
  writtenNames: readonly string[],
): SimplePublicObject {
  return contactView(store, contact, { properties: ["email", ...writtenNames] });
}
