/**
 * One learner's last confirmed payload against what HubSpot holds now, property by property.
 * HubSpot reads back what it stored, which is not always the text sent: an empty value reads as
 * null, a number may come back with another spelling ("87.0"), a date as midnight UTC in ISO or
 * epoch milliseconds, an email in another case. Those are the same value; anything else differs.
 */
import type { SyncedContact } from "@/lib/db/learners/read-synced-contacts";

export interface VerifyDifference {
  userId: string;
  email: string;
  contactId: string;
  property: string;
  /** null: not set in HubSpot, or (property `hs_object_id`) the contact itself is gone. */
  hubspot: string | null;
  expected: string;
}

/** The property a gone contact is reported under: HubSpot's own id property. */
export const CONTACT_GONE_PROPERTY = "hs_object_id";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const NUMBER = /^-?\d+(\.\d+)?$/;

function asDay(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}T00:00:00(\.0+)?Z$/.test(value)) return value.slice(0, 10);
  if (/^\d{10,}$/.test(value)) return new Date(Number(value)).toISOString().slice(0, 10);
  return value;
}

export function isSameValue(property: string, hubspot: string | null | undefined, expected: string): boolean {
  const actual = hubspot ?? "";
  if (actual === expected) return true;
  if (property === "email") return actual.trim().toLowerCase() === expected.trim().toLowerCase();
  if (DAY.test(expected)) return asDay(actual) === expected;
  if (NUMBER.test(expected) && NUMBER.test(actual)) return Number(actual) === Number(expected);
  return false;
}

/** `record` undefined: HubSpot has no contact for this learner any more (archived, deleted). */
export function compareContact(
  contact: SyncedContact,
  record: { id: string; properties: Record<string, string | null> } | undefined,
): VerifyDifference[] {
  const base = { userId: contact.userId, email: contact.email, contactId: contact.hubspotId };
  if (!record) return [{ ...base, property: CONTACT_GONE_PROPERTY, hubspot: null, expected: contact.hubspotId }];
  const expected: Array<[string, string]> = [["email", contact.email], ...Object.entries(contact.payload)];
  return expected
    .filter(([property, value]) => !isSameValue(property, record.properties[property], value))
    .map(([property, value]) => ({
      ...base,
      contactId: record.id,
      property,
      hubspot: record.properties[property] ?? null,
      expected: value,
    }));
}
