/**
 * HubSpot's error bodies. Top-level failures use the spec's `Error` shape plus `"status":"error"`
 * (what api.hubapi.com sends); per-row failures inside 207 answers use `StandardError`, whose
 * `context`, `errors` and `links` are required by the spec, so they are always present.
 */

export type ErrorContext = Record<string, string[]>;

export interface ErrorDetail {
  message: string;
  code?: string;
  in?: string;
  context?: ErrorContext;
}

export interface HubSpotErrorBody {
  status: "error";
  message: string;
  correlationId: string;
  category: string;
  subCategory?: string;
  context?: ErrorContext;
  errors?: ErrorDetail[];
}

export interface StandardError {
  status: "error";
  category: string;
  message: string;
  context: ErrorContext;
  errors: ErrorDetail[];
  links: Record<string, string>;
}

interface ErrorExtras {
  subCategory?: string;
  context?: ErrorContext;
  errors?: ErrorDetail[];
}

/** Thrown by handlers; the server turns it into a JSON answer carrying the request's correlation id. */
export class HubSpotHttpError extends Error {
  constructor(
    readonly status: number,
    readonly category: string,
    message: string,
    readonly extras: ErrorExtras = {},
  ) {
    super(message);
    this.name = "HubSpotHttpError";
  }

  toBody(correlationId: string): HubSpotErrorBody {
    return { status: "error", message: this.message, correlationId, category: this.category, ...this.extras };
  }
}

export function validationError(message: string, extras: ErrorExtras = {}): HubSpotHttpError {
  return new HubSpotHttpError(400, "VALIDATION_ERROR", message, extras);
}

export function notFoundError(message: string, context?: ErrorContext): HubSpotHttpError {
  return new HubSpotHttpError(404, "OBJECT_NOT_FOUND", message, context ? { context } : {});
}

export function alreadyExistsError(message: string, context: ErrorContext): HubSpotHttpError {
  return new HubSpotHttpError(409, "OBJECT_ALREADY_EXISTS", message, { context });
}

export function standardError(
  category: string,
  message: string,
  context: ErrorContext,
  errors: ErrorDetail[] = [],
): StandardError {
  return { status: "error", category, message, context, errors, links: {} };
}

export function toStandardError(error: HubSpotHttpError): StandardError {
  return standardError(error.category, error.message, error.extras.context ?? {}, error.extras.errors ?? []);
}

/**
 * HubSpot reports rejected property values as a JSON array embedded in the message text;
 * clients grep it for the error code (INVALID_EMAIL, INVALID_DATE…), so the stand-in keeps that format.
 */
export function propertyValuesMessage(
  problems: ReadonlyArray<{ name: string; code: string; message: string }>,
): string {
  const entries = problems.map((problem) => ({
    isValid: false,
    message: problem.message,
    error: problem.code,
    name: problem.name,
    localizedErrorMessage: problem.message,
  }));
  return `Property values were not valid: ${JSON.stringify(entries)}`;
}
