import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createHubSpotClient } from "@/lib/hubspot/client";
import { DEFAULT_TOKEN, startHubSpotStandIn, type HubSpotStandIn } from "@/sandbox/hubspot/server";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { getFreePort } from "@/test/support/ports";
import { checkHubSpot } from "@/lib/health/check-hubspot";
import { createMissingProperties } from "./create-missing-properties";
import { loadPropertyOverview } from "./load-property-overview";

const actor = { id: "00000000-0000-4000-8000-0000000000aa", label: "admin@school.test" };

describe("HubSpot properties from the settings page", () => {
  let db: TestDatabase;
  let hubspot: HubSpotStandIn;
  const client = (token = DEFAULT_TOKEN) =>
    createHubSpotClient({ accessToken: token, baseUrl: hubspot.url, ratePer10s: 100, maxAttempts: 1 });
  const ours = () =>
    hubspot
      .snapshot()
      .properties.filter((property) => property.groupName === "level_progress")
      .map((property) => property.name)
      .sort();

  beforeAll(async () => {
    db = await createTestDatabase();
    hubspot = await startHubSpotStandIn({ port: await getFreePort() });
  });
  afterAll(async () => {
    await hubspot.stop();
    await db.drop();
  });
  beforeEach(async () => {
    hubspot.reset();
    await db.pool.query("delete from crm_sync.audit_log");
  });

  it("plans every required property as missing on an empty portal, then creates them and audits what was created", async () => {
    const before = await loadPropertyOverview(client(), ["a1"]);
    expect(before).toMatchObject({ kind: "plan", pending: 8, plan: { group: { action: "create" } } });
    expect(before.kind === "plan" && before.plan.entries.every((entry) => entry.action === "create")).toBe(true);

    const result = await createMissingProperties(db.pool, client(), actor, ["a1"]);
    expect(result.isApplied).toBe(true);
    expect(result.outcome.createdGroup).toBe(true);
    const expected = [
      "current_active_level",
      "last_activity_date_global",
      "learner_id",
      "level_a1_accuracy",
      "level_a1_status",
      "level_a1_units_completed",
      "total_study_time",
    ];
    expect([...result.outcome.created].sort()).toEqual(expected);
    expect(ours()).toEqual(expected);

    const { rows } = await db.pool.query(
      "select actor_id, actor_label, action, target, details from crm_sync.audit_log",
    );
    expect(rows).toEqual([
      {
        actor_id: actor.id,
        actor_label: actor.label,
        action: "properties.create",
        target: "level_progress",
        details: expect.objectContaining({
          levels: ["a1"],
          createdGroup: true,
          created: expect.arrayContaining(expected),
          errors: [],
        }),
      },
    ]);

    const after = await loadPropertyOverview(client(), ["a1"]);
    expect(after).toMatchObject({ kind: "plan", pending: 0 });
  });

  it("adds the options a newly enabled level needs, and does nothing (no audit row) when nothing is missing", async () => {
    await createMissingProperties(db.pool, client(), actor, ["a1"]);
    const withB1 = await loadPropertyOverview(client(), ["a1", "b1"]);
    const current =
      withB1.kind === "plan" ? withB1.plan.entries.find((entry) => entry.name === "current_active_level") : undefined;
    expect(current).toMatchObject({ action: "update_options", missingOptions: ["b1"] });

    const second = await createMissingProperties(db.pool, client(), actor, ["a1", "b1"]);
    expect(second.outcome.optionsUpdated).toEqual(["current_active_level"]);
    const third = await createMissingProperties(db.pool, client(), actor, ["a1", "b1"]);
    expect(third.isApplied).toBe(false);
    expect((await db.pool.query("select count(*)::int as n from crm_sync.audit_log")).rows[0].n).toBe(2);
  });

  it("explains a missing token and a rejected one instead of throwing", async () => {
    expect(await loadPropertyOverview(null, ["a1"])).toEqual({ kind: "not_configured", levels: ["a1"] });
    expect(await loadPropertyOverview(client("revoked-token"), ["a1"])).toMatchObject({
      kind: "error",
      category: "unauthorized",
    });
    expect(await checkHubSpot(client("revoked-token"))).toMatchObject({ status: "error", category: "unauthorized" });
    expect(await checkHubSpot(client())).toEqual({
      status: "ok",
      portalId: hubspot.portalId,
      accountType: expect.anything(),
    });
    expect(await checkHubSpot(null)).toEqual({ status: "not_configured" });
  });
});
