/**
 * The one place that touches `@hubspot/api-client`: `client.apiRequest()` sends every call and
 * hands back the raw answer (status, headers, exact body text); lib/hubspot parses it.
 *
 * SDK facts this relies on (13.5.0, read in node_modules/@hubspot/api-client/lib/src):
 * - Retries and throttling are decorators kept in a process-wide singleton
 *   (`ApiDecoratorService`) that every `new Client()` / `init()` overwrites, and `apiRequest()`
 *   reads at call time. A retry decorator is only added for `numberOfApiCallRetries > 0` (and it
 *   counts total attempts), a bottleneck limiter only when `limiterOptions` is set;
 *   `DEFAULT_LIMITER_OPTIONS` is exported but never applied. We set neither, and re-run `init()`
 *   right before each call so a Client created elsewhere cannot slip its retries under ours.
 * - `apiRequest()` accepts no AbortSignal (`IHttpOptions` has none; `Request.getSendData()`
 *   passes only method, headers and body to node-fetch 2.7). Our only decorator therefore adds
 *   the per-request signal to the send data, so a timeout really closes the socket.
 */
import { Client } from "@hubspot/api-client";
import type IDecorator from "@hubspot/api-client/lib/src/services/decorators/IDecorator";

export interface RawRequest {
  method: "GET" | "POST" | "PATCH";
  /** Path plus query, e.g. `/crm/v3/properties/contacts?archived=false`. */
  path: string;
  /** Exact JSON text to send. */
  body?: string;
}

export interface RawResponse {
  status: number;
  headers: { get(name: string): string | null };
  text: string;
}

export type Transport = (request: RawRequest, signal: AbortSignal) => Promise<RawResponse>;

interface SendableRequest {
  getSendData(): Record<string, unknown>;
}

function isSendableRequest(value: unknown): value is SendableRequest {
  return (
    typeof value === "object" && value !== null && "getSendData" in value && typeof value.getSendData === "function"
  );
}

class SignalAwareClient extends Client {
  private pendingSignal: AbortSignal | undefined;

  protected override getDecorators(): IDecorator[] {
    return [
      {
        decorate: (send: (request: unknown) => unknown) => (request: unknown) => {
          const signal = this.pendingSignal;
          if (!isSendableRequest(request)) {
            throw new Error(
              "@hubspot/api-client changed: apiRequest no longer sends a Request with getSendData(); timeouts cannot be attached",
            );
          }
          if (signal) {
            const sendData = request.getSendData.bind(request);
            request.getSendData = () => ({ ...sendData(), signal });
          }
          return send(request);
        },
      },
    ];
  }

  send(request: RawRequest, signal: AbortSignal) {
    this.init();
    // apiRequest() builds the request and calls the decorated send synchronously, so the signal
    // set here reaches exactly this call.
    this.pendingSignal = signal;
    try {
      return this.apiRequest({
        method: request.method,
        path: request.path,
        // defaultJson false: the SDK would JSON.stringify again; we send our exact bytes.
        defaultJson: false,
        headers: { "Content-Type": "application/json" },
        ...(request.body !== undefined ? { body: request.body } : {}),
      });
    } finally {
      this.pendingSignal = undefined;
    }
  }
}

export function createSdkTransport(config: { accessToken: string; baseUrl: string }): Transport {
  const sdk = new SignalAwareClient({ accessToken: config.accessToken, basePath: config.baseUrl.replace(/\/+$/, "") });
  return async (request, signal) => {
    const response = await sdk.send(request, signal);
    const text = await response.text();
    return { status: response.status, headers: { get: (name) => response.headers.get(name) }, text };
  };
}
