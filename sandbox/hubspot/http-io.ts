/** Reading request bodies and writing JSON answers on plain `node:http`. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { HubSpotHttpError, validationError } from "./errors";

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HubSpotHttpError(413, "VALIDATION_ERROR", `Request body exceeds ${MAX_BODY_BYTES} bytes.`));
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

export type ParsedBody = { ok: true; value: unknown } | { ok: false; error: HubSpotHttpError };

export function parseJsonBody(raw: string): ParsedBody {
  if (raw.trim() === "") return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, error: validationError(`Invalid input JSON: ${reason}`, { subCategory: "MALFORMED_JSON" }) };
  }
}

export function countInputs(body: ParsedBody): number | null {
  if (!body.ok || typeof body.value !== "object" || body.value === null || !("inputs" in body.value)) return null;
  return Array.isArray(body.value.inputs) ? body.value.inputs.length : null;
}

export function bearerToken(request: IncomingMessage): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? "");
  return match?.[1] ?? null;
}

export function sendBody(
  response: ServerResponse,
  status: number,
  body: string | null,
  headers: Record<string, string> = {},
): void {
  if (response.destroyed || response.writableEnded) return;
  const contentHeaders: Record<string, string> =
    body === null ? {} : { "Content-Type": "application/json;charset=utf-8" };
  response.writeHead(status, { ...headers, ...contentHeaders });
  response.end(body ?? undefined);
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  sendBody(response, status, body === undefined ? null : JSON.stringify(body), headers);
}
