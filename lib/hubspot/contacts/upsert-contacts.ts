/**
 * Batch upsert by email, read per row. 200: every input landed. 207: `results` are the rows that
 * landed, `errors` name the rows that did not. A whole-batch 400 (one bad value rejects all rows)
 * is narrowed down so the good rows still land: rows the error names are failed and the rest is
 * resent; an error naming no row is bisected until single bad rows are isolated.
 *
 * Request bounds per call: with named rows, at most 1 + one resend per round (each round removes
 * at least one row); bisection sends at most 2n − 1 requests for n rows (a full binary tree), and
 * ~2·k·log2(n/k) for k bad rows. Only the first request carries the caller's exact body.
 */
import { HubSpotError } from "../errors";
import { errorBodySchema, type UpsertResponse } from "../response-schemas";
import { addFailure, describeFailure, normalizeId, refsFrom, type RowFailure, rowsFor, type UpsertFailureKind } from "./upsert-row-errors";

export const UPSERT_PATH = "/crm/v3/objects/contacts/batch/upsert";
export const MAX_UPSERT_INPUTS = 100;

export interface UpsertInput {
  idProperty: "email";
  id: string;
  properties: Record<string, string>;
}

export interface UpsertBatchBody {
  inputs: UpsertInput[];
}

export interface UpsertBatchResult {
  succeeded: Array<{ id: string; hubspotId: string; isNew: boolean }>;
  failed: Array<{ id: string; kind: UpsertFailureKind; message: string; property?: string }>;
}

/** Sends one body to batch/upsert; resolves with the parsed 200/207 answer, throws HubSpotError otherwise. */
export type PostUpsert = (body: UpsertBatchBody) => Promise<UpsertResponse>;

export async function upsertContactBatch(post: PostUpsert, body: UpsertBatchBody): Promise<UpsertBatchResult> {
  if (body.inputs.length > MAX_UPSERT_INPUTS) {
    throw new RangeError(`batch/upsert takes at most ${MAX_UPSERT_INPUTS} inputs, got ${body.inputs.length}: split the batch before calling upsertContacts`);
  }
  const result: UpsertBatchResult = { succeeded: [], failed: [] };
  if (body.inputs.length > 0) await writeRows(post, body.inputs, result, body);
  return result;
}

async function writeRows(post: PostUpsert, inputs: UpsertInput[], result: UpsertBatchResult, exactBody?: UpsertBatchBody): Promise<void> {
  let response: UpsertResponse;
  try {
    response = await post(exactBody ?? { inputs });
  } catch (error) {
    if (!(error instanceof HubSpotError) || error.status !== 400) throw error;
    await isolateBadRows(post, inputs, error, result);
    return;
  }
  readRows(inputs, response, result);
}

async function isolateBadRows(post: PostUpsert, inputs: UpsertInput[], error: HubSpotError, result: UpsertBatchResult): Promise<void> {
  const parsed = errorBodySchema.safeParse(error.body);
  const body = parsed.success ? parsed.data : { message: error.message, errors: [], context: undefined };
  const ids = inputs.map((input) => input.id);
  const blamed = new Map<number, RowFailure>();
  for (const detail of body.errors ?? []) {
    for (const row of rowsFor(ids, refsFrom(detail.context, detail.in))) addFailure(blamed, row, describeFailure(body.message, detail));
  }
  for (const row of rowsFor(ids, refsFrom(body.context))) addFailure(blamed, row, describeFailure(body.message, body.errors?.[0]));
  if (blamed.size > 0) {
    for (const [row, failure] of blamed) result.failed.push({ id: inputs[row]?.id ?? "", ...failure });
    const rest = inputs.filter((_, row) => !blamed.has(row));
    if (rest.length > 0) await writeRows(post, rest, result);
    return;
  }
  const [only] = inputs;
  if (inputs.length === 1 && only) {
    result.failed.push({ id: only.id, ...describeFailure(body.message, body.errors?.[0]) });
    return;
  }
  const middle = Math.ceil(inputs.length / 2);
  await writeRows(post, inputs.slice(0, middle), result);
  await writeRows(post, inputs.slice(middle), result);
}

function readRows(inputs: UpsertInput[], response: UpsertResponse, result: UpsertBatchResult): void {
  const ids = inputs.map((input) => input.id);
  const unclaimed = new Map<string, number[]>();
  ids.forEach((id, row) => unclaimed.set(normalizeId(id), [...(unclaimed.get(normalizeId(id)) ?? []), row]));
  const accounted = new Set<number>();
  for (const contact of response.results) {
    // HubSpot echoes the email it stored (lower-cased); that is the only link back to the input.
    const email = contact.properties.email;
    const row = email ? unclaimed.get(normalizeId(email))?.shift() : undefined;
    if (row === undefined) continue;
    accounted.add(row);
    result.succeeded.push({ id: inputs[row]?.id ?? "", hubspotId: contact.id, isNew: contact.new });
  }
  const unattributed: RowFailure[] = [];
  for (const error of response.errors) {
    const refs = [refsFrom(error.context), ...error.errors.map((detail) => refsFrom(detail.context, detail.in))];
    const rows = [...new Set(refs.flatMap((ref) => rowsFor(ids, ref)))].filter((row) => !accounted.has(row));
    const failure = describeFailure(error.message, error.errors[0]);
    if (rows.length === 0) unattributed.push(failure);
    for (const row of rows) {
      accounted.add(row);
      result.failed.push({ id: inputs[row]?.id ?? "", ...failure });
    }
  }
  const missing = inputs.filter((_, row) => !accounted.has(row));
  const [onlyError] = unattributed;
  for (const input of missing) {
    // Never drop a row silently: a row HubSpot neither wrote nor named is reported as rejected.
    const failure: RowFailure =
      unattributed.length === 1 && missing.length === 1 && onlyError
        ? onlyError
        : { kind: "rejected", message: unattributed.length > 0 ? unattributed.map((item) => item.message).join("; ") : "HubSpot returned no result for this contact" };
    result.failed.push({ id: input.id, ...failure });
  }
}
