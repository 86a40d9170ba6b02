/**
 * The Content-Security-Policy, built per request by the proxy with a fresh nonce (Next's CSP
 * guide): Next reads the nonce from the request's CSP header and puts it on every script it
 * renders, and 'strict-dynamic' lets those scripts load the chunks they need. No 'unsafe-inline'
 * for scripts; no 'unsafe-eval' in production (zod runs jitless in the browser, see
 * instrumentation-client.ts). The price: pages render per request, none is served prerendered.
 * Framework-free so it is unit-tested directly.
 */

/** 128 random bits, base64: unguessable per response. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** The Supabase origin (and its websocket), for a future browser client; none when the URL is missing or malformed. */
function supabaseOrigins(supabaseUrl: string | undefined): string[] {
  if (!supabaseUrl) return [];
  try {
    const url = new URL(supabaseUrl);
    return [url.origin, `${url.protocol === "https:" ? "wss:" : "ws:"}//${url.host}`];
  } catch {
    // The env check reports a malformed URL at runtime; the CSP just does not allow it.
    return [];
  }
}

export function buildContentSecurityPolicy(input: {
  nonce: string;
  isDevelopment: boolean;
  supabaseUrl: string | undefined;
}): string {
  return [
    "default-src 'self'",
    // Dev mode (React refresh) needs eval.
    `script-src 'self' 'nonce-${input.nonce}' 'strict-dynamic'${input.isDevelopment ? " 'unsafe-eval'" : ""}`,
    // Style attributes (charts, transitions) cannot carry a nonce; injected styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    ["connect-src 'self'", ...supabaseOrigins(input.supabaseUrl), ...(input.isDevelopment ? ["ws:"] : [])].join(" "),
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}
