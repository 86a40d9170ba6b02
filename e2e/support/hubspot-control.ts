/** The HubSpot stand-in's control API (sandbox/hubspot/README.md) as the specs use it. */
import { E2E } from "./stack-config";

const CONTROL_CONFIG_URL = `${E2E.hubspotUrl}/__control/config`;

/** Reads the stand-in's answer latency, or sets it (`patch`): a slow HubSpot keeps a run live for a while. */
export async function hubspotConfig(patch?: { latencyMs: number }): Promise<{ latencyMs: number }> {
  const response = await fetch(
    CONTROL_CONFIG_URL,
    patch ? { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(patch) } : {},
  );
  if (!response.ok) throw new Error(`HubSpot stand-in ${CONTROL_CONFIG_URL}: HTTP ${response.status}`);
  return (await response.json()) as { latencyMs: number };
}
