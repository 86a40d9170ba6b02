/**
 * The exact-state check of the identity tests: a full dry run computes what every learner's
 * contact must hold; each learner's RECORDED contact id must name a live contact (a survivor's id
 * after a merge), that contact must carry exactly those values and be the one the learner's email
 * finds, and no email may be the primary email of two live contacts. Unlike expect-synced.ts it
 * follows ids, not emails, so it holds after merges, archives and email changes.
 */
import { expect } from "vitest";
import { contactStatus } from "@/sandbox/hubspot/store";
import { runSync } from "@/lib/sync/run-sync";
import type { SyncHarness } from "./sync-harness";

export async function expectLearnersOnTheirContacts(h: SyncHarness, expectedLearners: number): Promise<void> {
  const dry = await runSync(h.options({ mode: "dry_run", full: true, hubspot: null }));
  const expected = dry.document.batches.flatMap((batch) =>
    batch.operation === "update"
      ? batch.inputs.map(({ properties: { email, ...properties } }) => ({ email: email ?? "", properties }))
      : batch.inputs.map((input) => ({ email: input.id, properties: input.properties })),
  );
  expect(expected).toHaveLength(expectedLearners);
  const { rows } = await h.db.pool.query("select user_id::text as user_id, hubspot_id from crm_sync.contact_state");
  const recorded = new Map(
    rows.map((row: { user_id: string; hubspot_id: string | null }) => [row.user_id, row.hubspot_id]),
  );
  const wrong: string[] = [];
  for (const { email, properties } of expected) {
    const contactId = recorded.get(properties.learner_id ?? "");
    const contact = contactId ? h.standIn.state.resolveContact(contactId) : undefined;
    if (!contact || contact.id !== contactId) {
      wrong.push(`${email}: recorded contact ${contactId ?? "none"} is not a live contact`);
      continue;
    }
    if (h.standIn.state.findContactByEmail(email)?.id !== contact.id)
      wrong.push(`${email}: the email finds another contact than ${contact.id}`);
    for (const [name, value] of Object.entries(properties)) {
      if ((contact.properties[name] ?? "") !== value)
        wrong.push(
          `${email}: ${name} is ${JSON.stringify(contact.properties[name] ?? "")}, expected ${JSON.stringify(value)}`,
        );
    }
  }
  expect(wrong).toEqual([]);
  expect(recorded.size).toBe(expectedLearners);
  const emails = h.standIn.state
    .listContacts()
    .filter((contact) => contactStatus(contact) === "active" && contact.properties.email !== undefined)
    .map((contact) => contact.properties.email);
  expect(emails.length - new Set(emails).size).toBe(0);
}

/** A run right after: nothing changed, so nothing is written to HubSpot. */
export async function expectNothingToWrite(h: SyncHarness): Promise<void> {
  h.proxy.clear();
  const again = await runSync(h.options());
  expect(again.summary).toMatchObject({ upserted: 0, failed: 0 });
  expect(
    h.proxy
      .requests()
      .filter((request) => request.path.includes("/crm/v3/objects/contacts/batch/"))
      .map((request) => request.path),
  ).toEqual([]);
}

/** Bodies POSTed to batch/update, exactly as received. */
export function updateBodies(h: SyncHarness): string[] {
  return h.proxy
    .requests()
    .filter((request) => request.method === "POST" && request.path.startsWith("/crm/v3/objects/contacts/batch/update"))
    .map((request) => request.body);
}

export async function recordedContacts(
  h: SyncHarness,
): Promise<Map<string, { contactId: string | null; email: string }>> {
  const { rows } = await h.db.pool.query(
    "select user_id::text as user_id, hubspot_id, email from crm_sync.contact_state",
  );
  return new Map(
    rows.map((row: { user_id: string; hubspot_id: string | null; email: string }) => [
      row.user_id,
      { contactId: row.hubspot_id, email: row.email },
    ]),
  );
}
