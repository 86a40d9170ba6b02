import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getFreePort } from "@/test/support/ports";
import { DEFAULT_PORTAL_ID, DEFAULT_TOKEN, startHubSpotStandIn, type HubSpotStandIn } from "@/sandbox/hubspot/server";
import { checkHubSpot } from "./check-hubspot";

let hubspot: HubSpotStandIn;

beforeAll(async () => {
  hubspot = await startHubSpotStandIn({ port: await getFreePort() });
});

afterAll(async () => {
  await hubspot.stop();
});

describe("checkHubSpot", () => {
  it("reports the portal id for a working token", async () => {
    expect(await checkHubSpot({ baseUrl: hubspot.url, accessToken: DEFAULT_TOKEN })).toEqual({
      ok: true,
      configured: true,
      portalId: DEFAULT_PORTAL_ID,
    });
    expect(hubspot.requests().at(-1)).toMatchObject({ method: "GET", path: "/account-info/v3/details" });
  });

  it("tolerates a trailing slash on the base URL", async () => {
    expect(await checkHubSpot({ baseUrl: `${hubspot.url}/`, accessToken: DEFAULT_TOKEN })).toMatchObject({ ok: true });
  });

  it("says the token was rejected, without echoing it", async () => {
    const result = await checkHubSpot({ baseUrl: hubspot.url, accessToken: "wrong-token" });
    expect(result).toEqual({ ok: false, configured: true, error: "token rejected (401)" });
  });

  it("is not configured without a token, and then calls nobody", async () => {
    const before = hubspot.requests().length;
    expect(await checkHubSpot({ baseUrl: hubspot.url, accessToken: undefined })).toEqual({ ok: false, configured: false });
    expect(hubspot.requests()).toHaveLength(before);
  });

  it("reports an unreachable server", async () => {
    const closedPort = await getFreePort();
    const result = await checkHubSpot({ baseUrl: `http://127.0.0.1:${closedPort}`, accessToken: DEFAULT_TOKEN });
    expect(result).toEqual({ ok: false, configured: true, error: "unreachable" });
  });
});
