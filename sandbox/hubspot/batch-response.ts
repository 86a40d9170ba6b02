/**
 * HubSpot's batch envelopes: `status: COMPLETE` with `results`, plus `errors`/`numErrors` when
 * some rows failed, in which case the HTTP status is 207 (multi-status) instead of the success code.
 */
import type { StandardError } from "./errors";
import type { RouteResult } from "./router";

export function batchResult(
  successStatus: 200 | 201,
  results: unknown[],
  errors: StandardError[],
  startedAt: Date,
  completedAt: Date,
): RouteResult {
  const envelope = {
    status: "COMPLETE",
    results,
    startedAt: startedAt.toISOString(),
    completedAt: completedAt.toISOString(),
  };
  if (errors.length === 0) return { status: successStatus, body: envelope };
  return { status: 207, body: { ...envelope, numErrors: errors.length, errors } };
}
