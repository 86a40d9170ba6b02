/**
 * An HTTP pass-through in front of the HubSpot stand-in that can hold batch/upsert requests, as
 * a stalled network path would: a held request has not reached HubSpot yet. `release()` lets the
 * held requests through, except those whose client gave up meanwhile (aborted, socket closed):
 * like bytes that never left a dead connection, those never reach the stand-in.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

const UPSERT_PATH = "/crm/v3/objects/contacts/batch/upsert";

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

interface Held {
  forward: () => Promise<void>;
  response: ServerResponse;
}

export async function startHoldingProxy(targetUrl: string) {
  let holdNext = 0;
  const held: Held[] = [];
  const events = { held: 0, forwarded: 0, dropped: 0 };

  async function forward(request: IncomingMessage, response: ServerResponse, body: string): Promise<void> {
    const headers: Record<string, string> = {};
    for (const name of ["authorization", "content-type"]) {
      const value = request.headers[name];
      if (typeof value === "string") headers[name] = value;
    }
    const answer = await fetch(`${targetUrl}${request.url ?? "/"}`, {
      method: request.method ?? "GET",
      headers,
      ...(request.method === "GET" ? {} : { body }),
    });
    const text = await answer.text();
    events.forwarded += 1;
    response.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" });
    response.end(text);
  }

  const server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      if (holdNext > 0 && request.method === "POST" && (request.url ?? "").startsWith(UPSERT_PATH)) {
        holdNext -= 1;
        events.held += 1;
        held.push({ response, forward: () => forward(request, response, body) });
        return;
      }
      await forward(request, response, body);
    })().catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(502, { "content-type": "application/json" });
      response.end(
        JSON.stringify({ status: "error", message: `proxy failure: ${String(error)}`, category: "INTERNAL_ERROR" }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("holding proxy is not listening");
  return {
    url: `http://127.0.0.1:${address.port}`,
    events,
    /** Holds the next `count` batch/upsert requests until `release`. */
    holdUpserts: (count: number) => {
      holdNext = count;
    },
    get heldCount() {
      return held.length;
    },
    /** Forwards every held request whose client is still waiting; drops the others. */
    release: async () => {
      const waiting = held.splice(0);
      await Promise.all(
        waiting.map(async (entry) => {
          if (entry.response.destroyed || entry.response.socket === null || entry.response.socket.destroyed) {
            events.dropped += 1;
            return;
          }
          await entry.forward();
        }),
      );
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

export type HoldingProxy = Awaited<ReturnType<typeof startHoldingProxy>>;
