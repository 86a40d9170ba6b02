import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getFreePort } from "@/test/support/ports";
import { DEFAULT_PORTAL_ID, DEFAULT_TOKEN, startHubSpotStandIn, type HubSpotStandIn } from "@/sandbox/hubspot/server";
import { createHubSpotClientFromEnv } from "@/lib/hubspot/create-hubspot-client-from-env";
import { checkHubSpot, toHubSpotHealth } from "./check-hubspot";

let hubspot: HubSpotStandIn;

beforeAll(async () => {
  hubspot = await startHubSpotStandIn({ port: await getFreePort() });
});

afterAll(async () => {
  await hubspot.stop();
});

const client = (token: string | undefined, baseUrl = hubspot.url) =>
  createHubSpotClientFromEnv(
    { HUBSPOT_ACCESS_TOKEN: token, HUBSPOT_BASE_URL: baseUrl, HUBSPOT_RATE_LIMIT_PER_10S: 100 },
    "read",
  );

describe("checkHubSpot", () => {
  it("reports the portal id for a working token, through the client's account-details call", async () => {
    const connection = await checkHubSpot(client(DEFAULT_TOKEN));
    expect(connection).toEqual({ status: "ok", portalId: DEFAULT_PORTAL_ID, accountType: expect.any(String) });
    expect(toHubSpotHealth(connection)).toEqual({ ok: true, configured: true, portalId: DEFAULT_PORTAL_ID });
    expect(hubspot.requests().at(-1)).toMatchObject({ method: "GET", path: "/account-info/v3/details" });
  });

  it("says the token was rejected, without echoing it", async () => {
    const connection = await checkHubSpot(client("wrong-token"));
    expect(connection).toMatchObject({ status: "error", category: "unauthorized" });
    const health = toHubSpotHealth(connection);
    expect(health).toEqual({
      ok: false,
      configured: true,
      error: "HubSpot rejected the access token (invalid, expired or revoked).",
    });
    expect(JSON.stringify(health)).not.toContain("wrong-token");
  });

  it("is not configured without a token, and then calls nobody", async () => {
    const before = hubspot.requests().length;
    const connection = await checkHubSpot(client(undefined));
    expect(toHubSpotHealth(connection)).toEqual({ ok: false, configured: false });
    expect(hubspot.requests()).toHaveLength(before);
  });

  it("reports an unreachable server", async () => {
    const connection = await checkHubSpot(client(DEFAULT_TOKEN, `http://127.0.0.1:${await getFreePort()}`));
    expect(connection).toMatchObject({ status: "error", category: "network" });
    expect(toHubSpotHealth(connection)).toMatchObject({
      ok: false,
      error: "HubSpot could not be reached (network or timeout).",
    });
  });
});
