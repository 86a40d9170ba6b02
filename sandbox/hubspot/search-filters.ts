/**
 * CRM search semantics: filters inside a group are ANDed, groups are ORed. String comparisons
 * are case-insensitive (HubSpot indexes emails and text lower-cased); numbers and dates compare
 * by value.
 */
import { validationError } from "./errors";
import type { ContactRecord, PropertyDefinition } from "./model";
import type { SearchFilter, SearchSort } from "./schemas-contacts";
import type { StandInStore } from "./store";

const TEXT_SEARCH_PROPERTIES = ["email", "firstname", "lastname", "phone", "company"] as const;

type Comparable = number | string;

function comparable(property: PropertyDefinition, value: string): Comparable {
  if (property.type === "number") return Number(value);
  if (property.type === "date" || property.type === "datetime")
    return /^-?\d+$/.test(value) ? Number(value) : Date.parse(value);
  return value.toLowerCase();
}

function compare(left: Comparable, right: Comparable): number {
  if (typeof left === "number" && typeof right === "number") return left - right;
  return String(left) < String(right) ? -1 : String(left) > String(right) ? 1 : 0;
}

function requireValue(filter: SearchFilter, field: "value" | "highValue"): string {
  const value = filter[field];
  if (value === undefined)
    throw validationError(`Filter ${filter.operator} on '${filter.propertyName}' needs '${field}'.`, {
      context: { propertyName: [filter.propertyName] },
    });
  return value;
}

function requireValues(filter: SearchFilter): string[] {
  if (!filter.values || filter.values.length === 0) {
    throw validationError(`Filter ${filter.operator} on '${filter.propertyName}' needs a non-empty 'values' list.`, {
      context: { propertyName: [filter.propertyName] },
    });
  }
  return filter.values;
}

function tokenPattern(token: string): RegExp {
  const escaped = token
    .toLowerCase()
    .replace(/[.+?^${}()|[\]\\]/g, "\\$&")
    .replaceAll("*", ".*");
  return new RegExp(`^${escaped}$`);
}

function containsToken(value: string, token: string): boolean {
  const pattern = tokenPattern(token);
  const lower = value.toLowerCase();
  return pattern.test(lower) || lower.split(/[\s,;]+/).some((part) => pattern.test(part));
}

/** Compiles a filter once (checking its shape) into a predicate over contacts. */
export function compileFilter(store: StandInStore, filter: SearchFilter): (contact: ContactRecord) => boolean {
  const property = store.getProperty(filter.propertyName);
  if (!property)
    throw validationError(`Property "${filter.propertyName}" does not exist`, {
      context: { propertyName: [filter.propertyName] },
    });
  const read = (contact: ContactRecord) => contact.properties[filter.propertyName];
  const as = (value: string) => comparable(property, value);
  switch (filter.operator) {
    case "HAS_PROPERTY":
      return (contact) => read(contact) !== undefined;
    case "NOT_HAS_PROPERTY":
      return (contact) => read(contact) === undefined;
    case "IN":
    case "NOT_IN": {
      const wanted = requireValues(filter).map(as);
      const isIn = (contact: ContactRecord) => {
        const value = read(contact);
        return value !== undefined && wanted.some((candidate) => compare(as(value), candidate) === 0);
      };
      return filter.operator === "IN" ? isIn : (contact) => !isIn(contact);
    }
    case "BETWEEN": {
      const low = as(requireValue(filter, "value"));
      const high = as(requireValue(filter, "highValue"));
      return (contact) => {
        const value = read(contact);
        return value !== undefined && compare(as(value), low) >= 0 && compare(as(value), high) <= 0;
      };
    }
    case "CONTAINS_TOKEN":
    case "NOT_CONTAINS_TOKEN": {
      const token = requireValue(filter, "value");
      const contains = (contact: ContactRecord) => containsToken(read(contact) ?? "", token);
      return filter.operator === "CONTAINS_TOKEN" ? contains : (contact) => !contains(contact);
    }
    default: {
      const target = as(requireValue(filter, "value"));
      const test = {
        EQ: (d: number) => d === 0,
        NEQ: (d: number) => d !== 0,
        GT: (d: number) => d > 0,
        GTE: (d: number) => d >= 0,
        LT: (d: number) => d < 0,
        LTE: (d: number) => d <= 0,
      }[filter.operator];
      return (contact) => {
        const value = read(contact);
        if (value === undefined) return filter.operator === "NEQ";
        return test(compare(as(value), target));
      };
    }
  }
}

export function matchesQuery(contact: ContactRecord, query: string): boolean {
  const needle = query.trim().toLowerCase();
  if (needle === "") return true;
  return TEXT_SEARCH_PROPERTIES.some((name) => contact.properties[name]?.toLowerCase().includes(needle));
}

export function sortComparator(
  store: StandInStore,
  sort: SearchSort | undefined,
): (a: ContactRecord, b: ContactRecord) => number {
  const byId = (a: ContactRecord, b: ContactRecord) => Number(a.id) - Number(b.id);
  if (sort === undefined) return byId;
  const propertyName = typeof sort === "string" ? sort.replace(/^-/, "") : sort.propertyName;
  const isDescending = typeof sort === "string" ? sort.startsWith("-") : sort.direction === "DESCENDING";
  const property = store.getProperty(propertyName);
  if (!property)
    throw validationError(`Cannot sort by unknown property "${propertyName}"`, {
      context: { propertyName: [propertyName] },
    });
  return (a, b) => {
    const left = a.properties[propertyName];
    const right = b.properties[propertyName];
    // Records without a value sort last in either direction.
    if (left === undefined || right === undefined) return left === right ? byId(a, b) : left === undefined ? 1 : -1;
    const order = compare(comparable(property, left), comparable(property, right));
    return (isDescending ? -order : order) || byId(a, b);
  };
}
