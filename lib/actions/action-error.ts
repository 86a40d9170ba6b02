/** The typed result every server action returns, and the error a handler throws for an expected failure. */
export type ActionErrorCode = "unauthenticated" | "forbidden" | "invalid_input" | "conflict" | "not_found" | "failed";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: ActionErrorCode; message: string; fieldErrors?: Record<string, string[]> } };

/** Thrown inside a handler for an expected failure whose message is safe to show. */
export class ActionError extends Error {
  constructor(
    readonly code: ActionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ActionError";
  }
}
