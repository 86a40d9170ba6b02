/**
 * The end-state check every chaos test ends with: a full dry run computes the payload each learner
 * should have in HubSpot; the stand-in must hold exactly one contact per email, carrying it.
 */
import { expect } from "vitest";
import type { HubSpotStandIn } from "@/sandbox/hubspot/server";
import { runSync } from "@/lib/sync/run-sync";
import type { SyncHarness } from "./sync-harness";

export async function expectEveryLearnerSynced(h: SyncHarness, expectedLearners: number): Promise<void> {
  const dry = await runSync(h.options({ mode: "dry_run", full: true, hubspot: null }));
  const expected = dry.document.batches.flatMap((batch) => batch.inputs);
  expect(expected).toHaveLength(expectedLearners);
  expectNoDuplicateContacts(h.standIn);
  const contacts = new Map(
    h.standIn.state.listContacts().map((contact) => [contact.properties.email, contact.properties]),
  );
  const wrong = expected.filter((input) => {
    const actual = contacts.get(input.id);
    return !actual || Object.entries(input.properties).some(([name, value]) => actual[name] !== value);
  });
  expect(wrong.map((input) => input.id)).toEqual([]);
  const { rows } = await h.db.pool.query("select count(*)::int as n from crm_sync.contact_state");
  expect(rows[0].n).toBe(expectedLearners);
}

export function expectNoDuplicateContacts(standIn: HubSpotStandIn): void {
  const emails = standIn.state.listContacts().map((contact) => contact.properties.email);
  expect(new Set(emails).size).toBe(emails.length);
}
