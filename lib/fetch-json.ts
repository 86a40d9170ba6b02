/**
 * The browser's one way to read the app's JSON routes: fetch, then parse with the route's schema
 * from lib/contracts, so a changed server shape is a clear error instead of `undefined` in a chart.
 * Used by the React Query hooks (`queryFn: ({ signal }) => fetchJson(url, schema, { signal })`).
 */
import { z } from "zod";

/** A failed request, with a message written for the person looking at the page. */
export class FetchJsonError extends Error {
  constructor(
    readonly status: number | null,
    message: string,
  ) {
    super(message);
    this.name = "FetchJsonError";
  }
}

export interface FetchJsonOptions {
  signal?: AbortSignal;
  /** Statuses other than 2xx whose body is still a valid answer (GET /api/health answers 503 with a full report). */
  acceptStatuses?: readonly number[];
}

const errorBodySchema = z.object({ message: z.string() });

export async function fetchJson<Schema extends z.ZodType>(
  url: string,
  schema: Schema,
  options: FetchJsonOptions = {},
): Promise<z.infer<Schema>> {
  const response = await fetch(url, { cache: "no-store", signal: options.signal });
  if (response.status === 401)
    throw new FetchJsonError(401, "Your session has ended. Reload the page to sign in again.");
  if (response.status === 403) throw new FetchJsonError(403, "Your account is not a staff member of this dashboard.");
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok && !options.acceptStatuses?.includes(response.status)) {
    // Our routes answer failures as { message } without internals; anything else gets the status.
    throw new FetchJsonError(
      response.status,
      errorBodySchema.safeParse(body).data?.message ?? `${url} answered HTTP ${response.status}.`,
    );
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new FetchJsonError(response.status, `${url} sent an answer this page does not understand.`);
  return parsed.data;
}
