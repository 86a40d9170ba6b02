import { describe, expect, it } from "vitest";
import { RequestLog } from "./request-log";
import { callRaw, createLevelProperties, TOKEN, setUpStandIn } from "@/test/support/hubspot/stand-in-test-support";

const harness = setUpStandIn();

const control = (method: string, path: string, body?: unknown) =>
  callRaw(harness.standIn, method, `/__control/${path}`, { token: null, ...(body === undefined ? {} : { body }) });

describe("control endpoints", () => {
  it("GET state returns groups, properties and contacts", async () => {
    await createLevelProperties(harness.standIn);
    await harness.client.crm.contacts.batchApi.upsert({
      inputs: [{ idProperty: "email", id: "Ann@Example.com", properties: { level_a1_status: "completed" } }],
    });
    const answer = await control("GET", "state");
    expect(answer.status).toBe(200);
    const state = answer.body as {
      groups: Array<{ name: string }>;
      properties: Array<{ name: string }>;
      contacts: Array<{ id: string; properties: Record<string, string> }>;
    };
    expect(state.groups.map((group) => group.name)).toEqual(["contactinformation", "level_progress"]);
    expect(state.properties.map((property) => property.name)).toContain("level_a1_status");
    expect(state.contacts).toEqual([
      expect.objectContaining({
        id: "1",
        properties: expect.objectContaining({ email: "ann@example.com", level_a1_status: "completed" }),
      }),
    ]);
  });

  it("GET requests logs API calls with method, path, status, token, inputs, duration and correlation id; control calls are not logged", async () => {
    const upsert = await callRaw(harness.standIn, "POST", "/crm/v3/objects/contacts/batch/upsert", {
      body: {
        inputs: [
          { idProperty: "email", id: "a@example.com", properties: {} },
          { idProperty: "email", id: "b@example.com", properties: {} },
        ],
      },
    });
    await callRaw(harness.standIn, "GET", "/crm/v3/properties/contacts", { token: "intruder" });
    await control("GET", "state");
    const { requests } = (await control("GET", "requests")).body as { requests: Array<Record<string, unknown>> };
    expect(requests).toEqual([
      {
        time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        method: "POST",
        path: "/crm/v3/objects/contacts/batch/upsert",
        status: 200,
        token: TOKEN,
        inputs: 2,
        durationMs: expect.any(Number),
        fault: null,
        correlationId: upsert.headers.get("x-hubspot-correlation-id"),
      },
      expect.objectContaining({
        method: "GET",
        path: "/crm/v3/properties/contacts",
        status: 401,
        token: "intruder",
        inputs: null,
      }),
    ]);
  });

  it("DELETE requests clears the log", async () => {
    await callRaw(harness.standIn, "GET", "/crm/v3/properties/contacts");
    expect((await control("DELETE", "requests")).status).toBe(204);
    expect(((await control("GET", "requests")).body as { requests: unknown[] }).requests).toEqual([]);
  });

  it("POST reset restores the seeded portal and the start-up settings", async () => {
    await createLevelProperties(harness.standIn);
    await harness.client.crm.contacts.batchApi.upsert({
      inputs: [{ idProperty: "email", id: "a@example.com", properties: {} }],
    });
    await control("POST", "tokens", { revoke: [TOKEN] });
    await control("POST", "config", { rateLimitPer10s: 1 });
    await control("POST", "faults", { error5xxRate: 1 });
    expect((await control("POST", "reset")).status).toBe(204);
    const state = (await control("GET", "state")).body as {
      groups: unknown[];
      contacts: unknown[];
      properties: Array<{ name: string }>;
    };
    expect(state.contacts).toEqual([]);
    expect(state.groups).toHaveLength(1);
    expect(state.properties.map((property) => property.name)).not.toContain("level_a1_status");
    expect((await control("GET", "config")).body).toEqual({
      rateLimitPer10s: 190,
      dailyLimit: 1_000_000,
      latencyMs: 0,
      retryAfterHeader: false,
      batchResultOrder: "input",
      timeZone: "UTC",
    });
    expect((await control("GET", "faults")).body).toEqual({});
    const again = await harness.client.crm.contacts.batchApi.upsert({
      inputs: [{ idProperty: "email", id: "b@example.com", properties: {} }],
    });
    expect(again.results[0]?.id).toBe("1");
  });

  it("POST faults sets the fault config and answers the current one", async () => {
    const answer = await control("POST", "faults", {
      failNext: { status: 500, count: 1 },
      onlyPaths: ["/crm/v3/objects/"],
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ failNext: { status: 500, count: 1 }, onlyPaths: ["/crm/v3/objects/"] });
    expect((await callRaw(harness.standIn, "GET", "/crm/v3/properties/contacts")).status).toBe(200);
    expect((await callRaw(harness.standIn, "GET", "/crm/v3/objects/contacts")).status).toBe(500);
    expect((await callRaw(harness.standIn, "GET", "/crm/v3/objects/contacts")).status).toBe(200);
  });

  it("POST config changes rate limit, latency and Retry-After at runtime", async () => {
    const answer = await control("POST", "config", { rateLimitPer10s: 1, retryAfterHeader: true, latencyMs: 0 });
    expect(answer.body).toMatchObject({ rateLimitPer10s: 1, retryAfterHeader: true, latencyMs: 0 });
    await callRaw(harness.standIn, "GET", "/crm/v3/properties/contacts");
    const limited = await callRaw(harness.standIn, "GET", "/crm/v3/properties/contacts");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).not.toBeNull();
  });

  it("refuses malformed control bodies with 400 and unknown control routes with 404", async () => {
    expect((await control("POST", "config", { rateLimitPer10s: -1 })).status).toBe(400);
    expect((await control("POST", "config", { burst: 3 })).status).toBe(400);
    expect((await control("POST", "tokens", { revoke: "all" })).status).toBe(400);
    expect((await control("POST", "config", { timeZone: "Mars/Olympus_Mons" })).status).toBe(400);
    expect((await control("POST", "clock", { now: "tomorrow" })).status).toBe(400);
    expect(
      (await callRaw(harness.standIn, "POST", "/__control/faults", { token: null, rawBody: "{oops" })).status,
    ).toBe(400);
    expect((await control("GET", "nothing-here")).status).toBe(404);
  });
});

describe("RequestLog", () => {
  it("keeps only the newest entries beyond its capacity", () => {
    const log = new RequestLog(3);
    for (let index = 0; index < 10; index += 1) {
      log.add({
        time: "",
        method: "GET",
        path: `/${index}`,
        status: 200,
        token: null,
        inputs: null,
        durationMs: 0,
        fault: null,
        correlationId: "",
      });
    }
    expect(log.list().map((entry) => entry.path)).toEqual(["/7", "/8", "/9"]);
  });
});
