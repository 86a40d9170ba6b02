/** Thrown when a signed-in user's session cannot be checked because Supabase Auth is unreachable. */
export class AuthServiceUnavailableError extends Error {
  readonly name = "AuthServiceUnavailableError";
  constructor(options?: { cause?: unknown }) {
    super("Could not reach the authentication service", options);
  }
}
