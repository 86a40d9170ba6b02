/**
 * Issue #10 item 4: settings and health reads spend the same HubSpot budget as the sync of the
 * same process, instead of each request building a client with a fresh limiter.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSyncHubSpotClient } from "@/lib/sync/execute/create-sync-dependencies";
import { startHubSpotStandIn, DEFAULT_TOKEN, type HubSpotStandIn } from "@/sandbox/hubspot/server";
import { createHubSpotClientFromEnv } from "../create-hubspot-client-from-env";
import { getSharedRateLimiter } from "./shared-rate-limiter";

let standIn: HubSpotStandIn;
beforeAll(async () => {
  standIn = await startHubSpotStandIn({ port: 0 });
});
afterAll(() => standIn.stop());

describe("shared rate limiter", () => {
  it("is one per token and base URL", () => {
    const portal = { accessToken: "token-a", baseUrl: "http://127.0.0.1:1", ratePer10s: 100 };
    expect(getSharedRateLimiter(portal)).toBe(getSharedRateLimiter({ ...portal }));
    expect(getSharedRateLimiter(portal)).not.toBe(getSharedRateLimiter({ ...portal, accessToken: "token-b" }));
  });

  it("makes a settings read wait when the sync spent the window", async () => {
    const portal = { accessToken: DEFAULT_TOKEN, baseUrl: standIn.url, ratePer10s: 2 };
    const sync = createSyncHubSpotClient(portal);
    await sync.listContactProperties();
    await sync.listContactProperties();
    const settings = createHubSpotClientFromEnv(
      { HUBSPOT_ACCESS_TOKEN: portal.accessToken, HUBSPOT_BASE_URL: portal.baseUrl, HUBSPOT_RATE_LIMIT_PER_10S: 2 },
      "read",
    )!;
    // With its own limiter the read would go out at once; sharing the budget, it waits for the window.
    const outcome = await Promise.race([
      settings.listContactProperties().then(
        () => "sent",
        () => "failed after the test",
      ),
      new Promise((resolve) => setTimeout(() => resolve("waiting"), 1_500)),
    ]);
    expect(outcome).toBe("waiting");
  });
});
