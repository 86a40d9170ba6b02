/**
 * Turns a failure into a short, public description. The health route is unauthenticated, so raw
 * messages (which can carry host names, user names or URLs) never leave the server; they are
 * logged there instead.
 */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EPIPE"]);

function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  if (typeof code === "string") return code;
  return cause === undefined ? undefined : errorCode(cause);
}

export function describeDatabaseError(error: unknown): string {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : "";
  if (code && NETWORK_CODES.has(code)) return "unreachable";
  if (/timeout/i.test(message)) return "timed out";
  // SQLSTATE class 28: invalid authorization (wrong password, unknown role).
  if (code?.startsWith("28")) return "authentication failed";
  if (code === "3D000") return "database does not exist";
  return "query failed";
}

export function describeFetchError(error: unknown): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return "timed out";
  const code = errorCode(error);
  if (code && NETWORK_CODES.has(code)) return "unreachable";
  return "request failed";
}
