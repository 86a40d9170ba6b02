/**
 * What HubSpot last confirmed for one learner (crm_sync.contact_state): the contact id it returned,
 * the email the values were written under, the properties themselves, when, and whether a resend
 * is pending. Rows written before payloads were kept have `payload` null.
 */
import { type ContactStateRecord, readContactState } from "@/lib/db/learners/read-contact-state";
import type { Queryable } from "@/lib/db/queryable";

/** contact_state's row for one learner; the contact id is called `hubspotId` here. */
export interface ContactRecord extends Omit<ContactStateRecord, "userId" | "contactId"> {
  hubspotId: string | null;
}

/** The same row as the learner lookup page reads, under the name this module's callers use for the id. */
export async function readContactRecord(db: Queryable, userId: string): Promise<ContactRecord | null> {
  const state = await readContactState(db, userId);
  if (state === null) return null;
  const { userId: _sameUser, contactId, ...rest } = state;
  return { hubspotId: contactId, ...rest };
}
