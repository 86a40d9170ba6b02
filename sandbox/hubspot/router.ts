/**
 * A minimal method + path router. Patterns use `:name` segments; the first matching route wins,
 * so literal paths (`/groups`, `/batch/read`) are listed before their `:param` siblings.
 */
import { validationError } from "./errors";
import type { OrderResults } from "./result-order";
import type { StandInStore } from "./store";

export interface RequestContext {
  method: string;
  pathname: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body; `undefined` when the request had none. */
  body: unknown;
  store: StandInStore;
  now: Date;
  /** Origin the client used, for paging links. */
  origin: string;
  portalId: number;
  /** The account's IANA time zone (account-info). */
  timeZone: string;
  /** Puts batch results in the configured order (input order unless configured otherwise). */
  orderResults: OrderResults;
}

export interface RouteResult {
  status: number;
  body: unknown;
}

export type RouteHandler = (context: RequestContext) => RouteResult;

export interface Route {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  pattern: string;
  handler: RouteHandler;
}

export type RouteMatch =
  | { kind: "match"; route: Route; params: Record<string, string> }
  | { kind: "method_not_allowed"; allowed: string[] }
  | { kind: "not_found" };

function matchPattern(pattern: string, pathname: string): Record<string, string> | null {
  const expected = pattern.split("/");
  const actual = pathname.split("/");
  if (expected.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (const [index, segment] of expected.entries()) {
    const value = actual[index] ?? "";
    if (segment.startsWith(":")) {
      if (value === "") return null;
      try {
        params[segment.slice(1)] = decodeURIComponent(value);
      } catch {
        throw validationError(`Path segment '${value}' is not valid percent-encoding.`);
      }
    } else if (segment !== value) {
      return null;
    }
  }
  return params;
}

export function matchRoute(routes: readonly Route[], method: string, pathname: string): RouteMatch {
  const allowed: string[] = [];
  for (const route of routes) {
    const params = matchPattern(route.pattern, pathname);
    if (!params) continue;
    if (route.method === method) return { kind: "match", route, params };
    allowed.push(route.method);
  }
  return allowed.length > 0 ? { kind: "method_not_allowed", allowed } : { kind: "not_found" };
}

/** Only contacts are served; HubSpot also names the contact object type by its id `0-1`. */
export function requireContactsObjectType(objectType: string | undefined): void {
  if (objectType !== "contacts" && objectType !== "0-1") {
    throw validationError(
      `Unable to infer object type from: ${objectType ?? ""}. This stand-in serves contacts (0-1) only.`,
      {
        context: { objectType: [objectType ?? ""] },
      },
    );
  }
}

/** Contact routes answer on `/crm/v3/objects/contacts/…` and on `/crm/v3/objects/0-1/…` (the SDK's generic objects API). */
export function contactsRoute(method: Route["method"], suffix: string, handler: RouteHandler): Route {
  return {
    method,
    pattern: `/crm/v3/objects/:objectType${suffix}`,
    handler: (context) => {
      requireContactsObjectType(context.params.objectType);
      return handler(context);
    },
  };
}

/** Query booleans as HubSpot reads them: absent → fallback, otherwise "true"/"false". */
export function queryBoolean(query: URLSearchParams, name: string, fallback: boolean): boolean {
  const raw = query.get(name);
  if (raw === null) return fallback;
  if (raw === "true" || raw === "false") return raw === "true";
  throw validationError(`Query parameter '${name}' must be true or false, got '${raw}'.`, {
    context: { [name]: [raw] },
  });
}
