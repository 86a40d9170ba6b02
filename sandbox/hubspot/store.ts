/**
 * In-memory portal state: property groups, property definitions and contacts. Handlers run
 * synchronously against it after a request's body is read, so each request's writes are atomic.
 * Contacts are never removed: archiving flags them and a merge points the merged one at its
 * survivor, so old ids keep resolving the way HubSpot resolves them.
 */
import { mergeValues } from "./merge-contacts";
import type { ContactRecord, PropertyDefinition, PropertyGroup, StoreSnapshot } from "./model";
import { seededSnapshot } from "./seed-state";
import { UniqueIndex } from "./unique-index";

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Merges chain (A into B, then B into C); the bound only guards against a corrupt state file. */
const MAX_MERGE_HOPS = 1000;

export type ContactStatus = "active" | "archived" | "merged";

export function contactStatus(contact: ContactRecord): ContactStatus {
  if (contact.mergedInto !== undefined) return "merged";
  return contact.archived ? "archived" : "active";
}

export class StandInStore {
  private groups = new Map<string, PropertyGroup>();
  private properties = new Map<string, PropertyDefinition>();
  /** Insertion order is id order: ids are handed out increasing and snapshots are sorted on load. */
  private contacts = new Map<string, ContactRecord>();
  private readonly unique = new UniqueIndex((name) => this.properties.get(name));
  private nextContactId = 1;
  private readonly changeListeners = new Set<() => void>();

  constructor(snapshot: StoreSnapshot = seededSnapshot()) {
    this.load(snapshot);
  }

  load(snapshot: StoreSnapshot): void {
    this.groups = new Map(snapshot.groups.map((group) => [group.name, clone(group)]));
    this.properties = new Map(snapshot.properties.map((property) => [property.name, clone(property)]));
    const contacts = [...snapshot.contacts].sort((a, b) => Number(a.id) - Number(b.id));
    this.contacts = new Map(contacts.map((contact) => [contact.id, clone(contact)]));
    this.unique.clear();
    for (const contact of this.contacts.values()) this.unique.reindex(contact);
    const highestId = contacts.reduce((max, contact) => Math.max(max, Number(contact.id)), 0);
    this.nextContactId = Math.max(snapshot.nextContactId, highestId + 1);
    this.notifyChange();
  }

  snapshot(): StoreSnapshot {
    return {
      version: 1,
      nextContactId: this.nextContactId,
      groups: clone([...this.groups.values()]),
      properties: clone([...this.properties.values()]),
      contacts: clone([...this.contacts.values()]),
    };
  }

  /** Called after every write; the CLI uses it to persist the state file. Returns an unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  listGroups(): PropertyGroup[] {
    return [...this.groups.values()];
  }

  getGroup(name: string): PropertyGroup | undefined {
    return this.groups.get(name);
  }

  saveGroup(group: PropertyGroup): void {
    this.groups.set(group.name, group);
    this.notifyChange();
  }

  listProperties(): PropertyDefinition[] {
    return [...this.properties.values()];
  }

  getProperty(name: string): PropertyDefinition | undefined {
    return this.properties.get(name);
  }

  saveProperty(property: PropertyDefinition): void {
    this.properties.set(property.name, property);
    this.notifyChange();
  }

  listContacts(): ContactRecord[] {
    return [...this.contacts.values()];
  }

  contactCount(): number {
    return this.contacts.size;
  }

  getContact(id: string): ContactRecord | undefined {
    return this.contacts.get(id);
  }

  /**
   * The live contact an id names: a merged-away id resolves to its survivor (as HubSpot's reads
   * and writes by id do); archived and unknown ids resolve to nothing.
   */
  resolveContact(id: string): ContactRecord | undefined {
    let contact = this.contacts.get(id.trim());
    for (let hops = 0; contact?.mergedInto !== undefined && hops < MAX_MERGE_HOPS; hops += 1)
      contact = this.contacts.get(contact.mergedInto);
    return contact && contactStatus(contact) === "active" ? contact : undefined;
  }

  isUniqueProperty(name: string): boolean {
    return this.unique.isUnique(name);
  }

  /** The live contact holding a unique value (emails match primary and secondary addresses, lower-cased). */
  uniqueHolder(propertyName: string, value: string): ContactRecord | undefined {
    const id = this.unique.holder(propertyName, value);
    return id === undefined ? undefined : this.contacts.get(id);
  }

  /** `email` may be in any case; secondary emails left by a merge find the survivor. */
  findContactByEmail(email: string): ContactRecord | undefined {
    return this.uniqueHolder("email", email);
  }

  findContactByProperty(propertyName: string, value: string): ContactRecord | undefined {
    if (propertyName === "hs_object_id") return this.resolveContact(value);
    if (this.unique.isUnique(propertyName)) return this.uniqueHolder(propertyName, value);
    for (const contact of this.contacts.values()) {
      if (contactStatus(contact) === "active" && contact.properties[propertyName] === value) return contact;
    }
    return undefined;
  }

  createContact(values: Record<string, string>, now: Date): ContactRecord {
    const id = String(this.nextContactId++);
    const timestamp = now.toISOString();
    const contact: ContactRecord = {
      id,
      properties: {},
      createdAt: timestamp,
      updatedAt: timestamp,
      archived: false,
      propertyUpdatedAt: {},
    };
    this.writeValues(contact, values, timestamp);
    Object.assign(contact.properties, {
      hs_object_id: id,
      createdate: contact.properties.createdate ?? timestamp,
      lastmodifieddate: timestamp,
    });
    this.contacts.set(id, contact);
    this.unique.reindex(contact);
    this.notifyChange();
    return contact;
  }

  updateContact(contact: ContactRecord, values: Record<string, string>, now: Date): ContactRecord {
    this.writeValues(contact, values, now.toISOString());
    contact.updatedAt = now.toISOString();
    contact.properties.lastmodifieddate = contact.updatedAt;
    this.unique.reindex(contact);
    this.notifyChange();
    return contact;
  }

  /** HubSpot's archive (a restorable delete): the record stays, its unique values are freed. */
  archiveContact(contact: ContactRecord, now: Date): ContactRecord {
    contact.archived = true;
    contact.archivedAt = now.toISOString();
    this.unique.reindex(contact);
    this.notifyChange();
    return contact;
  }

  /** Merges `secondary` into `primary` (see merge-contacts.ts for which values survive); returns the survivor. */
  mergeContacts(primary: ContactRecord, secondary: ContactRecord, now: Date): ContactRecord {
    const funnel = (this.properties.get("lifecyclestage")?.options ?? [])
      .map((option) => option.value)
      .filter((value) => value !== "other");
    const merged = mergeValues(primary, secondary, funnel, now);
    secondary.mergedInto = primary.id;
    secondary.archived = true;
    secondary.archivedAt = now.toISOString();
    this.unique.reindex(secondary);
    Object.assign(primary, {
      properties: merged.properties,
      propertyUpdatedAt: merged.propertyUpdatedAt,
      createdAt: merged.createdAt,
      updatedAt: now.toISOString(),
    });
    this.unique.reindex(primary);
    this.notifyChange();
    return primary;
  }

  /** HubSpot clears a property when it is sent as an empty string; the clearing time is kept for merges. */
  private writeValues(contact: ContactRecord, values: Record<string, string>, timestamp: string): void {
    contact.propertyUpdatedAt ??= {};
    for (const [name, value] of Object.entries(values)) {
      if (value === "") delete contact.properties[name];
      else contact.properties[name] = value;
      contact.propertyUpdatedAt[name] = timestamp;
    }
  }

  private notifyChange(): void {
    for (const listener of this.changeListeners) listener();
  }
}
