import { z } from "zod";
import { describeFetchError } from "./describe-error";
import type { HubSpotHealth } from "./health-report";

export interface HubSpotCheckConfig {
  baseUrl: string;
  accessToken: string | undefined;
  timeoutMs?: number;
}

const accountDetailsSchema = z.object({ portalId: z.number().int() });

/**
 * Proves the token works by reading the account details (HubSpot's own "who am I" call) and
 * reports the portal id. Never throws: a failure is part of the report.
 */
export async function checkHubSpot(config: HubSpotCheckConfig): Promise<HubSpotHealth> {
  if (!config.accessToken) return { ok: false, configured: false };
  const url = `${config.baseUrl.replace(/\/+$/, "")}/account-info/v3/details`;
  try {
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${config.accessToken}`, accept: "application/json" },
      signal: AbortSignal.timeout(config.timeoutMs ?? 5_000),
      cache: "no-store",
    });
    if (!response.ok) {
      await response.body?.cancel();
      return { ok: false, configured: true, error: describeStatus(response.status) };
    }
    const details = accountDetailsSchema.safeParse(await response.json());
    if (!details.success) return { ok: false, configured: true, error: "unexpected response" };
    return { ok: true, configured: true, portalId: details.data.portalId };
  } catch (error) {
    console.error("[health] HubSpot check failed:", error);
    return { ok: false, configured: true, error: describeFetchError(error) };
  }
}

function describeStatus(status: number): string {
  if (status === 401) return "token rejected (401)";
  if (status === 403) return "token lacks a required scope (403)";
  if (status === 429) return "rate limited (429)";
  return `HTTP ${status}`;
}
