/**
 * A HubSpot transport (fetch to the stand-in) that rewrites successful batch/upsert answers, for
 * response shapes the stand-in never produces: extra fields HubSpot may add, fields it may drop.
 */
import type { Transport } from "@/lib/hubspot/transport/sdk-transport";

export function rewritingTransport(
  baseUrl: string,
  token: string,
  rewrite: (body: Record<string, unknown>) => Record<string, unknown>,
): Transport {
  return async (request, signal) => {
    const answer = await fetch(`${baseUrl}${request.path}`, {
      method: request.method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      signal,
      ...(request.body === undefined ? {} : { body: request.body }),
    });
    let text = await answer.text();
    if (request.path.startsWith("/crm/v3/objects/contacts/batch/upsert") && answer.status < 300) {
      text = JSON.stringify(rewrite(JSON.parse(text) as Record<string, unknown>));
    }
    return { status: answer.status, headers: answer.headers, text };
  };
}
