/**
 * One batch write to HubSpot contacts (batch/upsert or batch/update), read per row. 200: every
 * input landed. 207: `results` are the rows that landed, `errors` name the rows that did not
 * (OBJECT_NOT_FOUND for an archived or unknown id on batch/update). Whole-batch refusals are
 * narrowed down so the other rows still land:
 * - 400 (one bad value rejects all rows): rows the error names fail and the rest is resent; an
 *   error naming no row is bisected until single bad rows are isolated;
 * - 409 CONFLICT ("Contact already exists. Existing ID: …": a row would give its contact an email
 *   or a unique value another contact holds; HubSpot names no row and writes nothing): bisected
 *   until the conflicting rows stand alone, each failing as `email_conflict` with that id.
 *
 * Request bounds per call: with named rows, at most 1 + one resend per round (each round removes
 * at least one row); bisection sends at most 2n − 1 requests for n rows (a full binary tree), and
 * ~2·k·log2(n/k) for k bad rows. Only the first request carries the caller's exact body. Every
 * request goes through the caller's `post`, so the client's rate budget paces the bisection too.
 */
import { HubSpotError } from "../errors";
import { errorBodySchema, type WriteResponse } from "../response-schemas";
import { matchResults } from "./match-results";
import { addFailure, describeFailure, refsFrom, type RowFailure, rowsFor } from "./upsert-row-errors";

export const MAX_BATCH_INPUTS = 100;

export interface ContactWriteInput {
  id: string;
  /** `email` for upserts; absent on batch/update (the id is HubSpot's record id). */
  idProperty?: string;
  objectWriteTraceId?: string;
  properties: Record<string, string>;
}

export interface WriteBatchFailure extends RowFailure {
  /** The input's `id` as sent. */
  id: string;
}

export interface WriteBatchResult {
  /** `id` is the input's id as sent; `hubspotId` the record HubSpot wrote (after a merge, the survivor). */
  succeeded: Array<{ id: string; hubspotId: string; isNew: boolean }>;
  failed: WriteBatchFailure[];
}

/** Sends one body; resolves with the parsed 200/207 answer, throws HubSpotError otherwise. */
export type PostWrite<I extends ContactWriteInput> = (body: { inputs: I[] }) => Promise<WriteResponse>;

const EXISTING_ID = /Existing ID:\s*(\d+)/i;

export async function writeContactBatch<I extends ContactWriteInput>(
  post: PostWrite<I>,
  body: { inputs: I[] },
  endpoint: string,
): Promise<WriteBatchResult> {
  if (body.inputs.length > MAX_BATCH_INPUTS) {
    throw new RangeError(
      `${endpoint} takes at most ${MAX_BATCH_INPUTS} inputs, got ${body.inputs.length}: split the batch before calling it`,
    );
  }
  const result: WriteBatchResult = { succeeded: [], failed: [] };
  if (body.inputs.length > 0) await writeRows(post, body.inputs, result, body);
  return result;
}

async function writeRows<I extends ContactWriteInput>(
  post: PostWrite<I>,
  inputs: I[],
  result: WriteBatchResult,
  exactBody?: { inputs: I[] },
): Promise<void> {
  let response: WriteResponse;
  try {
    response = await post(exactBody ?? { inputs });
  } catch (error) {
    if (error instanceof HubSpotError && error.status === 400) return isolateBadRows(post, inputs, error, result);
    if (error instanceof HubSpotError && error.status === 409) return isolateConflicts(post, inputs, error, result);
    throw error;
  }
  matchResults(inputs, response, result);
}

async function bisect<I extends ContactWriteInput>(
  post: PostWrite<I>,
  inputs: I[],
  result: WriteBatchResult,
): Promise<void> {
  const middle = Math.ceil(inputs.length / 2);
  await writeRows(post, inputs.slice(0, middle), result);
  await writeRows(post, inputs.slice(middle), result);
}

async function isolateConflicts<I extends ContactWriteInput>(
  post: PostWrite<I>,
  inputs: I[],
  error: HubSpotError,
  result: WriteBatchResult,
): Promise<void> {
  const [only] = inputs;
  if (inputs.length > 1 || !only) return bisect(post, inputs, result);
  const parsed = errorBodySchema.safeParse(error.body);
  const message = parsed.success ? parsed.data.message : error.message;
  const existingId = EXISTING_ID.exec(message)?.[1];
  result.failed.push({
    id: only.id,
    kind: "email_conflict",
    message,
    ...(existingId !== undefined ? { existingId } : {}),
  });
}

async function isolateBadRows<I extends ContactWriteInput>(
  post: PostWrite<I>,
  inputs: I[],
  error: HubSpotError,
  result: WriteBatchResult,
): Promise<void> {
  const parsed = errorBodySchema.safeParse(error.body);
  const body = parsed.success ? parsed.data : { message: error.message, errors: [], context: undefined };
  const ids = inputs.map((input) => input.id);
  const blamed = new Map<number, RowFailure>();
  for (const detail of body.errors ?? []) {
    for (const row of rowsFor(ids, refsFrom(detail.context, detail.in)))
      addFailure(blamed, row, describeFailure(body.message, detail));
  }
  for (const row of rowsFor(ids, refsFrom(body.context)))
    addFailure(blamed, row, describeFailure(body.message, body.errors?.[0]));
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
  await bisect(post, inputs, result);
}
