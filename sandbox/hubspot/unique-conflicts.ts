/**
 * HubSpot refuses a whole batch of contact writes with 409 CONFLICT ("Contact already exists.
 * Existing ID: <id>") when any row would give a contact an email, or a value of a
 * `hasUniqueValue` property, that another contact holds; nothing in the batch is written and
 * only the first conflict is named (no row index, as on api.hubapi.com). Conflicts are judged
 * against the portal as it was before the batch, plus the values earlier rows of the same batch
 * claim.
 */
import { HubSpotHttpError, validationError } from "./errors";
import type { ContactRecord } from "./model";
import type { StandInStore } from "./store";
import { ADDITIONAL_EMAILS, splitEmails } from "./unique-index";
import { normalizeEmail } from "./validate-values";

export interface PlannedWrite {
  /** The contact written, or undefined when the row creates one. */
  target: ContactRecord | undefined;
  writes: Record<string, string>;
}

export function conflictError(existingId: string): HubSpotHttpError {
  return new HubSpotHttpError(409, "CONFLICT", `Contact already exists. Existing ID: ${existingId}`);
}

/** The unique values a write gives its contact: emails (secondary ones included) and `hasUniqueValue` properties. */
function uniqueClaims(store: StandInStore, writes: Record<string, string>): Array<[string, string]> {
  const claims: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(writes)) {
    if (value === "") continue;
    if (name === ADDITIONAL_EMAILS)
      claims.push(...splitEmails(value).map((email): [string, string] => ["email", email]));
    else if (store.isUniqueProperty(name)) claims.push([name, name === "email" ? normalizeEmail(value) : value.trim()]);
  }
  return claims;
}

export function assertNoUniqueConflicts(store: StandInStore, planned: readonly PlannedWrite[]): void {
  const claimedBy = new Map<string, { targetId: string | undefined }>();
  for (const row of planned) {
    for (const [name, value] of uniqueClaims(store, row.writes)) {
      const holder = store.uniqueHolder(name, value);
      if (holder && holder.id !== row.target?.id) throw conflictError(holder.id);
      const key = `${name}\u0000${value}`;
      const earlier = claimedBy.get(key);
      if (earlier && (earlier.targetId === undefined || earlier.targetId !== row.target?.id)) {
        // Two rows claim one value: the first would have won, so the second conflicts with its contact.
        if (earlier.targetId !== undefined) throw conflictError(earlier.targetId);
        throw validationError(
          `Two inputs would give new contacts the same ${name} '${value}'; values of ${name} must be unique.`,
          {
            context: { propertyName: [name] },
          },
        );
      }
      claimedBy.set(key, { targetId: row.target?.id });
    }
  }
}
