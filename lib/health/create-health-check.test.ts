import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { getFreePort } from "@/test/support/ports";
import { DEFAULT_PORTAL_ID, DEFAULT_TOKEN, startHubSpotStandIn, type HubSpotStandIn } from "@/sandbox/hubspot/server";
import { createHubSpotClientFromEnv } from "@/lib/hubspot/create-hubspot-client-from-env";
import { createHealthCheck } from "./create-health-check";
import { healthReportSchema } from "@/lib/contracts/health-response";

let db: TestDatabase;
let hubspot: HubSpotStandIn;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.pool
    .query(`create table public.a2_progress (user_id uuid, unit_id int); create table public.a1_progress (user_id uuid, unit_id int);
                       insert into public.a1_progress values (gen_random_uuid(), 1), (gen_random_uuid(), 2)`);
  hubspot = await startHubSpotStandIn({ port: await getFreePort() });
});

afterAll(async () => {
  await hubspot.stop();
  await db.drop();
});

const client = (token: string) =>
  createHubSpotClientFromEnv(
    { HUBSPOT_ACCESS_TOKEN: token, HUBSPOT_BASE_URL: hubspot.url, HUBSPOT_RATE_LIMIT_PER_10S: 100 },
    "read",
  );

describe("createHealthCheck", () => {
  it("reports ok with latency, level tables and the HubSpot portal", async () => {
    const check = createHealthCheck({ pool: db.pool, sourceSchema: "public", hubspot: client(DEFAULT_TOKEN) });
    const report = await check();
    expect(healthReportSchema.parse(report)).toEqual(report);
    expect(report).toMatchObject({
      status: "ok",
      database: { ok: true },
      levels: [
        { level: "a1", table: "a1_progress", rows: 2, estimated: false },
        { level: "a2", table: "a2_progress", rows: 0, estimated: false },
      ],
      hubspot: { ok: true, configured: true, portalId: DEFAULT_PORTAL_ID },
    });
    expect(report.database.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("asks HubSpot once within the reuse window", async () => {
    const check = createHealthCheck({ pool: db.pool, sourceSchema: "public", hubspot: client(DEFAULT_TOKEN) });
    const before = hubspot.requests().length;
    await check();
    await check();
    expect(hubspot.requests().length - before).toBe(1);
  });

  it("is ok without a HubSpot token and degraded with a rejected one", async () => {
    const unconfigured = createHealthCheck({ pool: db.pool, sourceSchema: "public", hubspot: null });
    expect(await unconfigured()).toMatchObject({ status: "ok", hubspot: { ok: false, configured: false } });
    const rejected = createHealthCheck({ pool: db.pool, sourceSchema: "public", hubspot: client("nope") });
    expect(await rejected()).toMatchObject({
      status: "degraded",
      database: { ok: true },
      hubspot: { ok: false, error: expect.stringContaining("rejected the access token") },
    });
  });

  it("is degraded, without levels, when the database cannot be reached", async () => {
    const pool = new pg.Pool({
      connectionString: `postgres://postgres:secret-password@127.0.0.1:${await getFreePort()}/postgres`,
      connectionTimeoutMillis: 2_000,
    });
    try {
      const check = createHealthCheck({ pool, sourceSchema: "public", hubspot: null });
      const report = await check();
      expect(report).toMatchObject({
        status: "degraded",
        database: { ok: false, latencyMs: null, error: "unreachable" },
        levels: [],
      });
      expect(JSON.stringify(report)).not.toContain("secret-password");
    } finally {
      await pool.end();
    }
  });
});
