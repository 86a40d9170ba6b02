/**
 * What the SDK really puts on the wire, checked with a bare HTTP server: exact body bytes and
 * headers, a timeout that closes the socket, and no SDK retries or throttling even when another
 * `Client` in the process asks for them.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "@hubspot/api-client";
import ApiDecoratorService from "@hubspot/api-client/lib/src/services/ApiDecoratorService";
import LimiterDecorator from "@hubspot/api-client/lib/src/services/decorators/LimiterDecorator";
import RetryDecorator from "@hubspot/api-client/lib/src/services/decorators/RetryDecorator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHubSpotClient, type UpsertBatchBody } from "../client";
import { HubSpotError } from "../errors";
import { denyExternalNetwork } from "@/test/support/hubspot/hubspot-test-helpers";

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

let server: Server;
let baseUrl: string;
let network: ReturnType<typeof denyExternalNetwork>;
const received: Received[] = [];
let handle: (request: IncomingMessage, response: ServerResponse, body: string) => void = () => {};

beforeAll(async () => {
  network = denyExternalNetwork();
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      received.push({ method: request.method ?? "", url: request.url ?? "", headers: request.headers, body });
      handle(request, response, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  network.restore();
});
afterEach(() => {
  received.length = 0;
  expect(network.violations).toEqual([]);
});

function json(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { "Content-Type": "application/json" });
  response.end(JSON.stringify(body));
}

function decoratorsInUse(): unknown[] {
  return (ApiDecoratorService.getInstance() as unknown as { decorators: unknown[] }).decorators;
}

describe("SDK transport", () => {
  it("sends the exact body bytes with the bearer token through apiRequest", async () => {
    handle = (_request, response) =>
      json(response, 200, {
        status: "COMPLETE",
        results: [{ id: "1", new: true, properties: { email: "é@example.com" } }],
      });
    const client = createHubSpotClient({ accessToken: "secret-token", baseUrl, ratePer10s: 10 });
    const body: UpsertBatchBody = {
      inputs: [
        { idProperty: "email", id: "é@example.com", properties: { level_a1_accuracy: "87.5", total_study_time: "" } },
      ],
    };
    await client.upsertContacts(body);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      method: "POST",
      url: "/crm/v3/objects/contacts/batch/upsert",
      body: JSON.stringify(body),
    });
    expect(received[0]?.headers).toMatchObject({
      authorization: "Bearer secret-token",
      "content-type": "application/json",
    });
  });

  it("has no SDK retry or limiter decorators by default, and ignores those of another Client in the process", async () => {
    new Client({ accessToken: "x" });
    expect(decoratorsInUse()).toEqual([]);
    handle = (_request, response) => json(response, 200, { results: [] });
    const client = createHubSpotClient({ accessToken: "t", baseUrl, ratePer10s: 10 });
    // Another part of the process configures the SDK's process-wide retries and a 60 s throttle.
    new Client({ accessToken: "x", numberOfApiCallRetries: 6, limiterOptions: { maxConcurrent: 1, minTime: 60_000 } });
    expect(decoratorsInUse().some((decorator) => decorator instanceof RetryDecorator)).toBe(true);
    await client.listContactPropertyGroups();
    await client.listContactPropertyGroups();
    expect(received).toHaveLength(2);
    expect(
      decoratorsInUse().some(
        (decorator) => decorator instanceof RetryDecorator || decorator instanceof LimiterDecorator,
      ),
    ).toBe(false);
  }, 10_000);

  it("aborts a hung request: the socket is closed and the error is a timeout", async () => {
    let closed: Promise<void> = Promise.resolve();
    handle = (request) => {
      closed = new Promise((resolve) => request.socket.once("close", () => resolve()));
    };
    const client = createHubSpotClient({
      accessToken: "t",
      baseUrl,
      ratePer10s: 10,
      requestTimeoutMs: 50,
      maxAttempts: 1,
    });
    const error = await client.getAccountDetails().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HubSpotError);
    expect(error).toMatchObject({ category: "timeout", status: null });
    await closed;
  }, 10_000);

  it("reports an unreachable host as a network error after its attempts", async () => {
    const client = createHubSpotClient({
      accessToken: "t",
      baseUrl: "http://127.0.0.1:9",
      ratePer10s: 10,
      maxAttempts: 2,
      sleep: async () => {},
    });
    await expect(client.getAccountDetails()).rejects.toMatchObject({
      category: "network",
      status: null,
      attempts: 2,
      isRetryable: true,
    });
  });
});
