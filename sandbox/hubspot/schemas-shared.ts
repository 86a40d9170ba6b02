/**
 * Turning a request body into typed input: zod issues become one 400 VALIDATION_ERROR whose
 * `errors[]` say where (`in`) and, for batch inputs, which input and property (`context`),
 * so a client can drop or split the offending rows.
 */
import { z } from "zod";
import { type ErrorDetail, validationError } from "./errors";

export const MAX_BATCH_INPUTS = 100;
const MAX_REPORTED_ISSUES = 20;

export function batchInputs<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .max(MAX_BATCH_INPUTS, { message: `Batch input is limited to ${MAX_BATCH_INPUTS} inputs per request` });
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    "",
  );
}

function inputIdAt(raw: unknown, index: number): string | undefined {
  if (typeof raw !== "object" || raw === null || !("inputs" in raw) || !Array.isArray(raw.inputs)) return undefined;
  const input: unknown = raw.inputs[index];
  if (typeof input !== "object" || input === null) return undefined;
  const id = "id" in input ? input.id : "name" in input ? input.name : undefined;
  return typeof id === "string" ? id : undefined;
}

function issueContext(path: ReadonlyArray<PropertyKey>, raw: unknown): ErrorDetail["context"] {
  const [root, index, field, property] = path;
  if (root !== "inputs" || typeof index !== "number") return undefined;
  const context: Record<string, string[]> = { inputIndex: [String(index)] };
  const id = inputIdAt(raw, index);
  if (id !== undefined) context.id = [id];
  if (field === "properties" && typeof property === "string") context.propertyName = [property];
  return context;
}

export function parseBody<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const errors: ErrorDetail[] = parsed.error.issues.slice(0, MAX_REPORTED_ISSUES).map((issue) => {
    const where = formatPath(issue.path) || "body";
    const context = issueContext(issue.path, raw);
    return { message: `${where}: ${issue.message}`, code: "INVALID_INPUT", in: where, ...(context ? { context } : {}) };
  });
  const summary = errors.map((error) => error.message).join("; ");
  const more =
    parsed.error.issues.length > errors.length ? ` (and ${parsed.error.issues.length - errors.length} more)` : "";
  throw validationError(`Invalid input JSON: ${summary}${more}`, { errors });
}
