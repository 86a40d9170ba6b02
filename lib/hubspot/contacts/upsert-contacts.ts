/**
 * Batch upsert by email (`POST /crm/v3/objects/contacts/batch/upsert`), read per row; whole-batch
 * 400s and 409s are narrowed down to the rows that caused them (see write-contact-batch.ts).
 */
import type { UpsertResponse } from "../response-schemas";
import { MAX_BATCH_INPUTS, writeContactBatch, type WriteBatchResult } from "./write-contact-batch";

export const UPSERT_PATH = "/crm/v3/objects/contacts/batch/upsert";
export const MAX_UPSERT_INPUTS = MAX_BATCH_INPUTS;

export interface UpsertInput {
  idProperty: "email";
  id: string;
  properties: Record<string, string>;
}

export interface UpsertBatchBody {
  inputs: UpsertInput[];
}

export type UpsertBatchResult = WriteBatchResult;

/** Sends one body to batch/upsert; resolves with the parsed 200/207 answer, throws HubSpotError otherwise. */
export type PostUpsert = (body: UpsertBatchBody) => Promise<UpsertResponse>;

export function upsertContactBatch(post: PostUpsert, body: UpsertBatchBody): Promise<UpsertBatchResult> {
  return writeContactBatch(post, body, "batch/upsert");
}
