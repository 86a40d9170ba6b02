/**
 * Reading HubSpot's batch errors down to rows: which inputs an error names (context ids/emails,
 * input indices, `in: "inputs[3].properties.x"`) and what kind of failure it is. HubSpot also
 * embeds per-property problems as a JSON array inside the message text ("Property values were not
 * valid: [{…"error":"INVALID_OPTION","name":"level_a1_status"…}]"), which is read as a fallback.
 */
import { z } from "zod";
import type { HubSpotErrorDetail } from "../response-schemas";

/** `email_conflict`: another contact holds the email or unique value (409); `not_found`: batch/update named an archived or unknown id. */
export type UpsertFailureKind =
  "invalid_email" | "invalid_value" | "unknown_property" | "email_conflict" | "not_found" | "rejected";

export interface RowFailure {
  kind: UpsertFailureKind;
  message: string;
  property?: string;
  /** email_conflict: the contact that holds the value (from "Existing ID: …"). */
  existingId?: string;
}

/** Rows an error points at: positions in the batch that was sent, and ids (emails) as HubSpot echoes them. */
export interface RowRefs {
  indices: number[];
  ids: string[];
}

const ID_KEYS = ["id", "ids", "email", "emails"];
const INDEX_KEYS = ["inputIndex", "index"];

const embeddedProblemsSchema = z.array(
  z.looseObject({ name: z.string().optional(), error: z.string().optional(), message: z.string().optional() }),
);

function embeddedProblems(message: string): z.infer<typeof embeddedProblemsSchema> {
  const start = message.indexOf("[");
  if (start < 0) return [];
  try {
    const parsed = embeddedProblemsSchema.safeParse(JSON.parse(message.slice(start)));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export function kindForCode(code: string | undefined, hasProperty: boolean): UpsertFailureKind {
  if (code === "INVALID_EMAIL") return "invalid_email";
  if (code === "PROPERTY_DOESNT_EXIST") return "unknown_property";
  if (code !== undefined && (code.startsWith("INVALID_") || code === "READ_ONLY_VALUE")) return "invalid_value";
  return code === undefined && hasProperty ? "invalid_value" : "rejected";
}

export function refsFrom(context: Record<string, string[]> | undefined, inPath?: string): RowRefs {
  const refs: RowRefs = { indices: [], ids: [] };
  for (const key of ID_KEYS) refs.ids.push(...(context?.[key] ?? []));
  for (const key of INDEX_KEYS) {
    for (const raw of context?.[key] ?? []) if (/^\d+$/.test(raw)) refs.indices.push(Number(raw));
  }
  const fromPath = inPath === undefined ? null : /^inputs\[(\d+)\]/.exec(inPath);
  if (fromPath?.[1] !== undefined) refs.indices.push(Number(fromPath[1]));
  return refs;
}

function propertyFromPath(inPath: string | undefined): string | undefined {
  return inPath === undefined ? undefined : /\.properties\.([^.[\]]+)/.exec(inPath)?.[1];
}

/** One failure from a detail (or, without details, from the top-level message). */
export function describeFailure(topMessage: string, detail: HubSpotErrorDetail | undefined): RowFailure {
  const embedded = embeddedProblems(detail?.message ?? topMessage)[0] ?? embeddedProblems(topMessage)[0];
  const property = detail?.context?.propertyName?.[0] ?? propertyFromPath(detail?.in) ?? embedded?.name;
  const code = detail?.code ?? embedded?.error;
  const message =
    detail && embeddedProblems(detail.message).length === 0 ? detail.message : (embedded?.message ?? topMessage);
  return { kind: kindForCode(code, property !== undefined), message, ...(property !== undefined ? { property } : {}) };
}

export function normalizeId(id: string): string {
  return id.trim().toLowerCase();
}

/** Positions in `inputIds` that the refs name; out-of-range indices and unknown ids are ignored. */
export function rowsFor(inputIds: readonly string[], refs: RowRefs): number[] {
  const wanted = new Set(refs.ids.map(normalizeId));
  const rows = new Set(refs.indices.filter((index) => index >= 0 && index < inputIds.length));
  inputIds.forEach((id, index) => {
    if (wanted.has(normalizeId(id))) rows.add(index);
  });
  return [...rows].sort((a, b) => a - b);
}

/** Adds a failure to a row, joining messages when one row has several bad values. */
export function addFailure(failures: Map<number, RowFailure>, row: number, failure: RowFailure): void {
  const existing = failures.get(row);
  if (!existing) failures.set(row, failure);
  else if (!existing.message.includes(failure.message)) existing.message = `${existing.message}; ${failure.message}`;
}
