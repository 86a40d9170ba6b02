/**
 * In-memory portal state: property groups, property definitions and contacts. Handlers run
 * synchronously against it after a request's body is read, so each request's writes are atomic.
 */
import type { ContactRecord, PropertyDefinition, PropertyGroup, StoreSnapshot } from "./model";
import { seededSnapshot } from "./seed-state";

function clone<T>(value: T): T {
  return structuredClone(value);
}

export class StandInStore {
  private groups = new Map<string, PropertyGroup>();
  private properties = new Map<string, PropertyDefinition>();
  /** Insertion order is id order: ids are handed out increasing and snapshots are sorted on load. */
  private contacts = new Map<string, ContactRecord>();
  private contactIdByEmail = new Map<string, string>();
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
    this.contactIdByEmail = new Map();
    for (const contact of this.contacts.values()) this.indexEmail(contact);
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

  /** `email` must already be normalised (trimmed, lower case). */
  findContactByEmail(email: string): ContactRecord | undefined {
    const id = this.contactIdByEmail.get(email);
    return id === undefined ? undefined : this.contacts.get(id);
  }

  findContactByProperty(propertyName: string, value: string): ContactRecord | undefined {
    if (propertyName === "hs_object_id") return this.getContact(value);
    if (propertyName === "email") return this.findContactByEmail(value.trim().toLowerCase());
    for (const contact of this.contacts.values()) {
      if (contact.properties[propertyName] === value) return contact;
    }
    return undefined;
  }

  createContact(values: Record<string, string>, now: Date): ContactRecord {
    const id = String(this.nextContactId++);
    const timestamp = now.toISOString();
    const contact: ContactRecord = { id, properties: {}, createdAt: timestamp, updatedAt: timestamp, archived: false };
    this.writeValues(contact, values);
    Object.assign(contact.properties, { hs_object_id: id, createdate: contact.properties.createdate ?? timestamp, lastmodifieddate: timestamp });
    this.contacts.set(id, contact);
    this.indexEmail(contact);
    this.notifyChange();
    return contact;
  }

  updateContact(contact: ContactRecord, values: Record<string, string>, now: Date): ContactRecord {
    const previousEmail = contact.properties.email;
    this.writeValues(contact, values);
    contact.updatedAt = now.toISOString();
    contact.properties.lastmodifieddate = contact.updatedAt;
    if (previousEmail !== undefined && previousEmail !== contact.properties.email) this.contactIdByEmail.delete(previousEmail);
    this.indexEmail(contact);
    this.notifyChange();
    return contact;
  }

  /** HubSpot clears a property when it is sent as an empty string. */
  private writeValues(contact: ContactRecord, values: Record<string, string>): void {
    for (const [name, value] of Object.entries(values)) {
      if (value === "") delete contact.properties[name];
      else contact.properties[name] = value;
    }
  }

  private indexEmail(contact: ContactRecord): void {
    const email = contact.properties.email;
    if (email !== undefined) this.contactIdByEmail.set(email, contact.id);
  }

  private notifyChange(): void {
    for (const listener of this.changeListeners) listener();
  }
}
