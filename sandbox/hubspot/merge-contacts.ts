/**
 * The property values a contact merge leaves on the survivor (the primary), following HubSpot's
 * knowledge-base article "Merge contacts":
 * - in general the most recent value of each property wins, whichever contact it came from;
 *   a value never set does not overwrite, a value cleared more recently does;
 * - the primary's email stays the email; the merged contact's email(s) become secondary emails
 *   (`hs_additional_emails`), so they keep identifying the survivor;
 * - lifecycle stage: the stage furthest down the funnel;
 * - the oldest create date is kept; `hs_merged_object_ids` lists the ids merged in.
 * Ties (same timestamp) go to the primary.
 */
import type { ContactRecord } from "./model";
import { ADDITIONAL_EMAILS, splitEmails } from "./unique-index";

export const MERGED_IDS = "hs_merged_object_ids";
const LIFECYCLE = "lifecyclestage";
const SYSTEM = new Set([
  "email",
  "hs_object_id",
  "createdate",
  "lastmodifieddate",
  ADDITIONAL_EMAILS,
  MERGED_IDS,
  LIFECYCLE,
]);

export interface MergedValues {
  properties: Record<string, string>;
  propertyUpdatedAt: Record<string, string>;
  createdAt: string;
}

/** Records loaded from an older state file carry no per-property times: their last write stands in. */
function writtenAt(contact: ContactRecord, name: string): string | undefined {
  return contact.propertyUpdatedAt?.[name] ?? (contact.properties[name] !== undefined ? contact.updatedAt : undefined);
}

function laterSide(primary: ContactRecord, secondary: ContactRecord, name: string): ContactRecord {
  const primaryAt = writtenAt(primary, name);
  const secondaryAt = writtenAt(secondary, name);
  if (secondaryAt === undefined) return primary;
  if (primaryAt === undefined) return secondary;
  return Date.parse(secondaryAt) > Date.parse(primaryAt) ? secondary : primary;
}

function furthestStage(stages: Array<string | undefined>, funnel: readonly string[]): string | undefined {
  const known = stages.filter((stage): stage is string => stage !== undefined);
  return known.sort((a, b) => funnel.indexOf(b) - funnel.indexOf(a))[0];
}

function earliest(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  return Date.parse(b) < Date.parse(a) ? b : a;
}

export function mergeValues(
  primary: ContactRecord,
  secondary: ContactRecord,
  funnel: readonly string[],
  now: Date,
): MergedValues {
  const timestamp = now.toISOString();
  const properties: Record<string, string> = {};
  const propertyUpdatedAt: Record<string, string> = {};
  const names = new Set(
    [primary, secondary].flatMap((contact) => [
      ...Object.keys(contact.properties),
      ...Object.keys(contact.propertyUpdatedAt ?? {}),
    ]),
  );
  for (const name of names) {
    if (SYSTEM.has(name)) continue;
    const side = laterSide(primary, secondary, name);
    const value = side.properties[name];
    const at = writtenAt(side, name);
    if (value !== undefined) properties[name] = value;
    if (at !== undefined) propertyUpdatedAt[name] = at;
  }
  const email = primary.properties.email ?? secondary.properties.email;
  if (email !== undefined) properties.email = email;
  const secondaryEmails = [
    primary.properties[ADDITIONAL_EMAILS],
    secondary.properties.email,
    secondary.properties[ADDITIONAL_EMAILS],
  ].flatMap(splitEmails);
  const additional = [...new Set(secondaryEmails)].filter((address) => address !== email);
  if (additional.length > 0) properties[ADDITIONAL_EMAILS] = additional.join(";");
  const mergedIds = [
    ...splitIds(primary.properties[MERGED_IDS]),
    secondary.id,
    ...splitIds(secondary.properties[MERGED_IDS]),
  ];
  properties[MERGED_IDS] = [...new Set(mergedIds)].join(";");
  const stage = furthestStage([primary.properties[LIFECYCLE], secondary.properties[LIFECYCLE]], funnel);
  if (stage !== undefined) properties[LIFECYCLE] = stage;
  const createdAt = earliest(primary.createdAt, secondary.createdAt) ?? primary.createdAt;
  properties.createdate = earliest(primary.properties.createdate, secondary.properties.createdate) ?? createdAt;
  properties.hs_object_id = primary.id;
  properties.lastmodifieddate = timestamp;
  for (const name of ["email", ADDITIONAL_EMAILS, MERGED_IDS, LIFECYCLE])
    if (properties[name] !== undefined) propertyUpdatedAt[name] = timestamp;
  return { properties, propertyUpdatedAt, createdAt };
}

function splitIds(value: string | undefined): string[] {
  return (value ?? "").split(";").filter(Boolean);
}
