/**
 * A pass-through HTTP proxy in front of the HubSpot stand-in that keeps the exact request bodies
 * as they arrived on the wire (the stand-in's own log keeps only counts). An optional interceptor
 * turns a batch/upsert into a genuine 207: chosen rows are withheld from the stand-in and
 * reported back as per-row errors, the rest are written for real.
 */
import { createServer, type IncomingMessage } from "node:http";

export interface RecordedRequest {
  method: string;
  path: string;
  body: string;
  status: number;
}

/** Returns the emails (input ids) to fail in this request, or an empty list. */
export type UpsertInterceptor = (inputs: { id: string }[]) => string[];

const UPSERT_PATH = "/crm/v3/objects/contacts/batch/upsert";
const PASSED_HEADERS = ["content-type", "retry-after", "x-hubspot-correlation-id"];

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function rowError(id: string) {
  const message = `Property values were not valid: [{"isValid":false,"message":"rejected by the test proxy","error":"INVALID_EMAIL","name":"email"}]`;
  return {
    status: "error",
    category: "VALIDATION_ERROR",
    message,
    context: { id: [id] },
    errors: [{ message: "rejected by the test proxy", code: "INVALID_EMAIL", context: { propertyName: ["email"] } }],
    links: {},
  };
}

export async function startRecordingProxy(targetUrl: string) {
  const recorded: RecordedRequest[] = [];
  let interceptor: UpsertInterceptor | null = null;
  const server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      const path = request.url ?? "/";
      let forwardBody = body;
      let failed: string[] = [];
      if (interceptor && request.method === "POST" && path.startsWith(UPSERT_PATH)) {
        const parsed = JSON.parse(body) as { inputs: { id: string }[] };
        failed = interceptor(parsed.inputs);
        if (failed.length > 0)
          forwardBody = JSON.stringify({ inputs: parsed.inputs.filter((input) => !failed.includes(input.id)) });
      }
      const headers: Record<string, string> = {};
      for (const name of ["authorization", "content-type"]) {
        const value = request.headers[name];
        if (typeof value === "string") headers[name] = value;
      }
      const answer = await fetch(`${targetUrl}${path}`, {
        method: request.method ?? "GET",
        headers,
        ...(request.method === "GET" ? {} : { body: forwardBody }),
      });
      let text = await answer.text();
      let status = answer.status;
      if (failed.length > 0 && status < 300) {
        const envelope = JSON.parse(text) as Record<string, unknown> & { errors?: unknown[] };
        const errors = [...(envelope.errors ?? []), ...failed.map(rowError)];
        text = JSON.stringify({ ...envelope, numErrors: errors.length, errors });
        status = 207;
      }
      recorded.push({ method: request.method ?? "GET", path, body, status });
      const outHeaders: Record<string, string> = {};
      answer.headers.forEach((value, name) => {
        if (PASSED_HEADERS.includes(name) || name.startsWith("x-hubspot-ratelimit")) outHeaders[name] = value;
      });
      response.writeHead(status, outHeaders);
      response.end(text);
    })().catch((error: unknown) => {
      response.writeHead(502, { "content-type": "application/json" });
      response.end(
        JSON.stringify({
          status: "error",
          message: `proxy failure: ${String(error)}`,
          category: "INTERNAL_ERROR",
          correlationId: "proxy",
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("proxy is not listening");
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests: () => [...recorded],
    /** Bodies of batch/upsert requests, exactly as received. */
    upsertBodies: () =>
      recorded
        .filter((entry) => entry.method === "POST" && entry.path.startsWith(UPSERT_PATH))
        .map((entry) => entry.body),
    clear: () => {
      recorded.length = 0;
    },
    setUpsertInterceptor: (next: UpsertInterceptor | null) => {
      interceptor = next;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

export type RecordingProxy = Awaited<ReturnType<typeof startRecordingProxy>>;
