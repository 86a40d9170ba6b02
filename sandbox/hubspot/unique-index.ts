/**
 * Who holds each unique value: emails (primary and the secondary ones a merge leaves behind,
 * compared lower-cased) and every property defined with `hasUniqueValue: true`. Only live
 * contacts are indexed: HubSpot frees an archived contact's values (a new contact may take its
 * email) and a merged-away contact's values move to, or are dropped by, the survivor.
 */
import type { ContactRecord, PropertyDefinition } from "./model";
import { normalizeEmail } from "./validate-values";

/** HubSpot's property listing a contact's secondary emails, `;`-separated. */
export const ADDITIONAL_EMAILS = "hs_additional_emails";

export function splitEmails(value: string | undefined): string[] {
  return (value ?? "").split(";").map(normalizeEmail).filter(Boolean);
}

function isLive(contact: ContactRecord): boolean {
  return !contact.archived && contact.mergedInto === undefined;
}

export class UniqueIndex {
  private readonly holders = new Map<string, Map<string, string>>();
  private readonly keysByContact = new Map<string, Array<[string, string]>>();

  constructor(private readonly propertyDefinition: (name: string) => PropertyDefinition | undefined) {}

  /** `email` and `hasUniqueValue` properties; `hs_object_id` is the record id itself, served by the id map. */
  isUnique(name: string): boolean {
    if (name === "email") return true;
    if (name === "hs_object_id") return false;
    return this.propertyDefinition(name)?.hasUniqueValue === true;
  }

  normalize(name: string, value: string): string {
    return name === "email" ? normalizeEmail(value) : value.trim();
  }

  /** Id of the live contact holding `value` for unique property `name`. */
  holder(name: string, value: string): string | undefined {
    return this.holders.get(name)?.get(this.normalize(name, value));
  }

  clear(): void {
    this.holders.clear();
    this.keysByContact.clear();
  }

  /** Re-reads one contact's unique values after any change to it (write, archive, merge). */
  reindex(contact: ContactRecord): void {
    for (const [name, value] of this.keysByContact.get(contact.id) ?? []) {
      const byValue = this.holders.get(name);
      if (byValue?.get(value) === contact.id) byValue.delete(value);
    }
    this.keysByContact.delete(contact.id);
    if (!isLive(contact)) return;
    const keys: Array<[string, string]> = [];
    for (const [name, value] of Object.entries(contact.properties)) {
      if (name === ADDITIONAL_EMAILS)
        keys.push(...splitEmails(value).map((email): [string, string] => ["email", email]));
      else if (this.isUnique(name)) keys.push([name, this.normalize(name, value)]);
    }
    for (const [name, value] of keys) {
      let byValue = this.holders.get(name);
      if (!byValue) this.holders.set(name, (byValue = new Map()));
      byValue.set(value, contact.id);
    }
    this.keysByContact.set(contact.id, keys);
  }
}
