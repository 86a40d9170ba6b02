/**
 * Batch update by record id (`POST /crm/v3/objects/contacts/batch/update`): how a learner's
 * contact gets a new email while keeping its id, history and owner, and how removed learners'
 * properties are cleared. An id HubSpot no longer knows (archived, deleted) fails its own row as
 * `not_found` in a 207; an email another contact holds refuses the whole batch with 409, narrowed
 * down to the row (see write-contact-batch.ts).
 */
import type { WriteResponse } from "../response-schemas";
import { writeContactBatch, type WriteBatchResult } from "./write-contact-batch";

export const UPDATE_PATH = "/crm/v3/objects/contacts/batch/update";

export interface UpdateInput {
  /** HubSpot's record id. */
  id: string;
  properties: Record<string, string>;
}

export interface UpdateBatchBody {
  inputs: UpdateInput[];
}

export type PostUpdate = (body: UpdateBatchBody) => Promise<WriteResponse>;

export function updateContactBatch(post: PostUpdate, body: UpdateBatchBody): Promise<WriteBatchResult> {
  return writeContactBatch(post, body, "batch/update");
}
