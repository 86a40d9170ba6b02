/**
 * Batch read by record id (`POST /crm/v3/objects/contacts/batch/read`, at most 100 ids): what a
 * verify compares with the last confirmed payload. HubSpot answers a merged-away id with the
 * survivor (its own id), answers each record once even when asked twice, and reports ids it does
 * not know (archived, deleted) as OBJECT_NOT_FOUND errors naming them; any order.
 */
import type { ReadResponse } from "../response-schemas";
import { MAX_BATCH_INPUTS } from "./write-contact-batch";

export const READ_PATH = "/crm/v3/objects/contacts/batch/read";

export interface ReadContactsRequest {
  ids: string[];
  properties: string[];
}

export interface ReadContactsResult {
  /** Records as HubSpot returned them (`id` may be a survivor's); a property that is not set reads null. */
  found: Array<{ id: string; properties: Record<string, string | null> }>;
  /** Requested ids HubSpot reported as not found. */
  missing: string[];
}

export type PostRead = (body: {
  inputs: Array<{ id: string }>;
  properties: string[];
  propertiesWithHistory: string[];
}) => Promise<ReadResponse>;

export async function readContactBatch(post: PostRead, request: ReadContactsRequest): Promise<ReadContactsResult> {
  if (request.ids.length > MAX_BATCH_INPUTS) {
    throw new RangeError(
      `batch/read takes at most ${MAX_BATCH_INPUTS} ids, got ${request.ids.length}: split the request before calling readContacts`,
    );
  }
  if (request.ids.length === 0) return { found: [], missing: [] };
  const answer = await post({
    inputs: request.ids.map((id) => ({ id })),
    properties: request.properties,
    propertiesWithHistory: [],
  });
  const requested = new Set(request.ids);
  const missing = answer.errors
    .filter((error) => error.category === "OBJECT_NOT_FOUND")
    .flatMap((error) => [...(error.context.ids ?? []), ...(error.context.id ?? [])])
    .filter((id) => requested.has(id));
  return {
    found: answer.results.map((contact) => ({ id: contact.id, properties: contact.properties })),
    missing: [...new Set(missing)],
  };
}
