import { describe, expect, it } from "vitest";
import { diffPayload } from "./diff-payload";

describe("diffPayload", () => {
  it("lists changed, new and no-longer-sent properties, in the next payload's order", () => {
    const last = {
      level_a1_status: "in_progress",
      level_a1_accuracy: "80",
      level_b1_status: "completed",
      learner_id: "u1",
    };
    const next = {
      level_a1_status: "completed",
      level_a1_accuracy: "80",
      level_a2_status: "not_started",
      learner_id: "u1",
    };
    expect(diffPayload(last, next)).toEqual([
      { property: "level_a1_status", lastSent: "in_progress", next: "completed" },
      { property: "level_a2_status", lastSent: null, next: "not_started" },
      { property: "level_b1_status", lastSent: "completed", next: null },
    ]);
  });

  it("treats a clearing empty string as a value, not as absent", () => {
    expect(diffPayload({ level_a1_accuracy: "75" }, { level_a1_accuracy: "" })).toEqual([
      { property: "level_a1_accuracy", lastSent: "75", next: "" },
    ]);
  });

  it("lists every property when nothing was confirmed yet, and nothing when both match", () => {
    expect(diffPayload(null, { learner_id: "u1" })).toEqual([{ property: "learner_id", lastSent: null, next: "u1" }]);
    expect(diffPayload({ learner_id: "u1" }, { learner_id: "u1" })).toEqual([]);
  });
});
