/**
 * The three kinds of failure the real stack produces, each with its own wire shape:
 * GoTrue API errors, OAuth protocol errors from /token, and the API gateway's key check.
 * auth-js (lib/fetch.ts `handleError`) turns the first into `AuthApiError` with `.code`.
 */

/** A GoTrue error: HTTP status + machine-readable error code (GoTrue's `ErrorCode*`) + message. */
export class AuthHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "AuthHttpError";
  }
}

/** GoTrue answers an unknown grant type with an OAuth2 error body, not its own error shape. */
export class OAuthProtocolError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
    this.name = "OAuthProtocolError";
  }
}

/** Supabase's API gateway rejects a missing or unknown `apikey` before GoTrue sees the request. */
export class GatewayKeyError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = "GatewayKeyError";
  }
}

export const badRequest = (code: string, message: string) => new AuthHttpError(400, code, message);
export const forbidden = (code: string, message: string) => new AuthHttpError(403, code, message);

/**
 * GoTrue picks the error body by the client's `X-Supabase-Api-Version` request header:
 * ≥ 2024-01-01 → `{code: "<error_code>", message}` and the header is echoed back (auth-js only
 * trusts `code` when it sees that response header); absent/older → the legacy
 * `{code: <status>, error_code, msg}`.
 */
export function isApiVersion20240101(headerValue: string | undefined): boolean {
  if (!headerValue || !/^\d{4}-\d{2}-\d{2}$/.test(headerValue)) return false;
  const requested = Date.parse(`${headerValue}T00:00:00Z`);
  return Number.isFinite(requested) && requested >= Date.parse("2024-01-01T00:00:00Z");
}

export interface ErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export function toErrorResponse(error: unknown, apiVersionHeader: string | undefined): ErrorResponse {
  if (error instanceof GatewayKeyError) {
    return { status: 401, headers: {}, body: { message: error.message, hint: error.hint } };
  }
  if (error instanceof OAuthProtocolError) {
    return { status: 400, headers: {}, body: { error: error.error, error_description: error.description } };
  }
  const httpError =
    error instanceof AuthHttpError
      ? error
      : new AuthHttpError(
          500,
          "unexpected_failure",
          "Unexpected failure, please check server logs for more information",
        );
  if (isApiVersion20240101(apiVersionHeader)) {
    return {
      status: httpError.status,
      headers: { "X-Supabase-Api-Version": "2024-01-01" },
      body: { code: httpError.code, message: httpError.message },
    };
  }
  return {
    status: httpError.status,
    headers: {},
    body: { code: httpError.status, error_code: httpError.code, msg: httpError.message },
  };
}
