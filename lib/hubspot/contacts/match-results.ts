/**
 * Reads a 200/207 batch-write answer back onto the inputs. HubSpot promises no result order, and
 * the email it echoes need not be the one sent: after a merge it is the survivor's primary email,
 * and a batch/update by id may not send one at all. So a result is matched, in this order, by
 * - `learner_id` (a unique property every input of ours carries, echoed because it was written),
 * - `objectWriteTraceId` (echoed when the input had one),
 * - the echoed email (inputs without either of the above),
 * - the record id (batch/update by id, when HubSpot answers with the id it was given).
 * A row HubSpot neither wrote nor named is never dropped: it is reported as rejected.
 */
import type { WriteResponse } from "../response-schemas";
import { describeFailure, normalizeId, refsFrom, type RowFailure, rowsFor } from "./upsert-row-errors";
import type { ContactWriteInput, WriteBatchResult } from "./write-contact-batch";

const LEARNER_ID = "learner_id";

/** Key → rows still waiting for their result (a list: the same key may appear on two inputs). */
class Claims {
  private readonly rows = new Map<string, number[]>();

  add(key: string | undefined, row: number): void {
    if (key === undefined || key === "") return;
    this.rows.set(key, [...(this.rows.get(key) ?? []), row]);
  }

  take(key: string | null | undefined, accounted: ReadonlySet<number>): number | undefined {
    if (key === undefined || key === null || key === "") return undefined;
    const waiting = this.rows.get(key) ?? [];
    while (waiting.length > 0) {
      const row = waiting.shift()!;
      if (!accounted.has(row)) return row;
    }
    return undefined;
  }
}

function emailOf(input: ContactWriteInput): string | undefined {
  const email = input.idProperty === "email" ? input.id : input.properties.email;
  return email === undefined ? undefined : normalizeId(email);
}

export function matchResults(
  inputs: readonly ContactWriteInput[],
  response: WriteResponse,
  result: WriteBatchResult,
): void {
  const byLearner = new Claims();
  const byTrace = new Claims();
  const byEmail = new Claims();
  const byRecordId = new Claims();
  inputs.forEach((input, row) => {
    byLearner.add(input.properties[LEARNER_ID], row);
    byTrace.add(input.objectWriteTraceId, row);
    byEmail.add(emailOf(input), row);
    if (input.idProperty === undefined) byRecordId.add(input.id.trim(), row);
  });
  const accounted = new Set<number>();
  for (const contact of response.results) {
    const echoedEmail = contact.properties.email;
    const row =
      byLearner.take(contact.properties[LEARNER_ID], accounted) ??
      byTrace.take(contact.objectWriteTraceId, accounted) ??
      byEmail.take(echoedEmail ? normalizeId(echoedEmail) : undefined, accounted) ??
      byRecordId.take(contact.id, accounted);
    if (row === undefined) continue;
    accounted.add(row);
    result.succeeded.push({ id: inputs[row]?.id ?? "", hubspotId: contact.id, isNew: contact.new ?? false });
  }
  const ids = inputs.map((input) => input.id);
  const unattributed: RowFailure[] = [];
  for (const error of response.errors) {
    const refs = [refsFrom(error.context), ...error.errors.map((detail) => refsFrom(detail.context, detail.in))];
    const rows = [...new Set(refs.flatMap((ref) => rowsFor(ids, ref)))].filter((row) => !accounted.has(row));
    const described = describeFailure(error.message, error.errors[0]);
    const failure: RowFailure =
      error.category === "OBJECT_NOT_FOUND" ? { kind: "not_found", message: error.message } : described;
    if (rows.length === 0) unattributed.push(failure);
    for (const row of rows) {
      accounted.add(row);
      result.failed.push({ id: inputs[row]?.id ?? "", ...failure });
    }
  }
  const missing = inputs.filter((_, row) => !accounted.has(row));
  const [onlyError] = unattributed;
  for (const input of missing) {
    const failure: RowFailure =
      unattributed.length === 1 && missing.length === 1 && onlyError
        ? onlyError
        : {
            kind: "rejected",
            message:
              unattributed.length > 0
                ? unattributed.map((item) => item.message).join("; ")
                : "HubSpot returned no result for this contact",
          };
    result.failed.push({ id: input.id, ...failure });
  }
}
