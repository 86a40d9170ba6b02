import { describe, expect, it } from "vitest";
import { emptyLevelMetrics, type LearnerMetrics, type LevelMetrics } from "@/lib/db/aggregate/aggregate-batch";
import { buildContactInput, toAccuracyValue, formatUtcDate } from "./build-payload";
import { canonicalJson, hashPayload } from "./hash-payload";

function learner(levels: Record<string, Partial<LevelMetrics>>): LearnerMetrics {
  return {
    levels: new Map(Object.entries(levels).map(([level, metrics]) => [level, { ...emptyLevelMetrics(), ...metrics }])),
    warnings: [],
  };
}

const noWithheld = new Set<string>();

describe("buildContactInput", () => {
  it("builds string values in a fixed key order, globals over all enabled levels", () => {
    const metrics = learner({
      a1: {
        unitsCompleted: 12,
        accuracy: "87.0",
        status: "completed",
        studySeconds: 3000,
        lastActivityAt: new Date("2026-03-01T23:30:00Z"),
      },
      b1: {
        unitsCompleted: 3,
        accuracy: "71.5",
        status: "in_progress",
        studySeconds: 629,
        lastActivityAt: new Date("2026-03-02T00:15:00Z"),
      },
    });
    const input = buildContactInput({
      email: "ann@example.com",
      learnerId: "u-ann",
      metrics,
      levels: ["a1", "b1"],
      enabledLevels: ["a1", "b1"],
      withheld: noWithheld,
    });
    expect(JSON.stringify(input)).toBe(
      JSON.stringify({
        idProperty: "email",
        id: "ann@example.com",
        properties: {
          level_a1_units_completed: "12",
          level_a1_accuracy: "87",
          level_a1_status: "completed",
          level_b1_units_completed: "3",
          level_b1_accuracy: "71.5",
          level_b1_status: "in_progress",
          total_study_time: "60", // (3000 + 629) / 60 = 60.48 → 60
          current_active_level: "b1",
          last_activity_date_global: "2026-03-02", // UTC day, not the local one
          learner_id: "u-ann",
        },
      }),
    );
  });

  it("sends empty values for a learner without activity, and clears accuracy with an empty string", () => {
    const input = buildContactInput({
      email: "new@example.com",
      learnerId: "u-new",
      metrics: undefined,
      levels: ["a1"],
      enabledLevels: ["a1"],
      withheld: noWithheld,
    });
    expect(input.properties).toEqual({
      level_a1_units_completed: "0",
      level_a1_accuracy: "",
      level_a1_status: "not_started",
      total_study_time: "0",
      current_active_level: "",
      last_activity_date_global: "",
      learner_id: "u-new",
    });
  });

  it("breaks activity ties towards the higher level and keeps globals whole on a level subset", () => {
    const at = new Date("2026-03-01T10:00:00Z");
    const metrics = learner({
      a2: { lastActivityAt: at, studySeconds: 600 },
      a1: { lastActivityAt: at, studySeconds: 600 },
    });
    const input = buildContactInput({
      email: "x@example.com",
      learnerId: "u-x",
      metrics,
      levels: ["a1"],
      enabledLevels: ["a1", "a2"],
      withheld: noWithheld,
    });
    expect(input.properties.current_active_level).toBe("a2");
    expect(input.properties.total_study_time).toBe("20");
    expect(Object.keys(input.properties).some((name) => name.startsWith("level_a2"))).toBe(false);
  });

  it("leaves withheld (drifted) properties out", () => {
    const input = buildContactInput({
      email: "x@example.com",
      learnerId: "u-x",
      metrics: undefined,
      levels: ["a1"],
      enabledLevels: ["a1"],
      withheld: new Set(["level_a1_accuracy", "total_study_time"]),
    });
    expect(Object.keys(input.properties)).toEqual([
      "level_a1_units_completed",
      "level_a1_status",
      "current_active_level",
      "last_activity_date_global",
      "learner_id",
    ]);
  });
});

describe("formatting", () => {
  it("formats accuracy with at most one decimal and dates as UTC days", () => {
    expect(toAccuracyValue("90.0")).toBe("90");
    expect(toAccuracyValue("0.5")).toBe("0.5");
    expect(toAccuracyValue(null)).toBe("");
    expect(formatUtcDate(new Date("2026-12-31T23:59:59.999Z"))).toBe("2026-12-31");
  });
});

describe("hashPayload", () => {
  it("does not depend on key order but on every value", () => {
    const a = { idProperty: "email", id: "a@x.com", properties: { b: "1", a: "2" } };
    const b = { properties: { a: "2", b: "1" }, id: "a@x.com", idProperty: "email" };
    expect(canonicalJson(a)).toBe('{"id":"a@x.com","idProperty":"email","properties":{"a":"2","b":"1"}}');
    expect(hashPayload(a)).toBe(hashPayload(b));
    expect(hashPayload(a)).not.toBe(hashPayload({ ...a, properties: { a: "2", b: "" } }));
    expect(hashPayload(a)).toMatch(/^[0-9a-f]{64}$/);
  });
});
