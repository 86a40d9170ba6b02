import { describe, expect, it } from "vitest";
import { describePhase, describeRunStop, type StoppedRunFacts } from "./describe-run-stop";

const base: StoppedRunFacts = {
  status: "failed",
  mode: "live",
  chainProcessed: 1_000,
  total: 2_400,
  upserted: 930,
  resumedByRunId: null,
  batchSize: 500,
};

describe("describeRunStop", () => {
  it("says where a failed live run stopped, what was confirmed and the learner the next start continues from", () => {
    expect(describeRunStop(base)).toEqual({
      title: "The run failed",
      where: "It stopped while syncing, in the batch that starts at learner 1,001 of 2,400 (batch 3 of 5).",
      confirmed: "930 contacts were confirmed by HubSpot in this run before it stopped.",
      next: "The next start continues from learner 1,001 of 2,400: the next scheduled run (every 15 minutes when deployed) or Sync now.",
    });
  });

  it("leaves the batch number out when the batch size is unknown", () => {
    expect(describeRunStop({ ...base, batchSize: null })?.where).toBe(
      "It stopped while syncing, in the batch that starts at learner 1,001 of 2,400.",
    );
  });

  it("explains a stop before counting: nothing sent, the next start begins from the start", () => {
    const description = describeRunStop({ ...base, chainProcessed: 0, total: 0, upserted: 0 });
    expect(description?.where).toMatch(/before sending anything, while planning or preparing the HubSpot properties/);
    expect(description?.confirmed).toBe("0 contacts were confirmed by HubSpot in this run before it stopped.");
    expect(description?.next).toMatch(/^The next start begins from the start, because no learner was committed yet/);
  });

  it("names the run that continued it", () => {
    expect(describeRunStop({ ...base, status: "interrupted", resumedByRunId: 42 })).toMatchObject({
      title: "The run was interrupted: its process stopped",
      next: "Run #42 continued it from learner 1,001.",
    });
  });

  it("says when a paused run continues", () => {
    expect(describeRunStop({ ...base, status: "paused", upserted: 1 })).toMatchObject({
      title: "The run paused",
      confirmed: "1 contact was confirmed by HubSpot in this run before it stopped.",
      next: expect.stringMatching(/continues from learner 1,001 of 2,400: the next scheduled run \(every 15 minutes/),
    });
  });

  it("does not promise to continue a cancelled run or a preview", () => {
    expect(describeRunStop({ ...base, status: "cancelled" })?.next).toMatch(
      /^The next start begins from the start: a run with other levels/,
    );
    expect(describeRunStop({ ...base, mode: "dry_run" })).toMatchObject({
      confirmed: "A preview sends nothing to HubSpot.",
      next: "Previews are not continued: the next preview starts from the start.",
    });
  });

  it("has nothing to say about runs that did not stop early", () => {
    for (const status of ["running", "succeeded", "partial"] as const)
      expect(describeRunStop({ ...base, status })).toBeNull();
  });
});

describe("describePhase", () => {
  it("puts known phases in words and shows unknown ones as they are", () => {
    expect(describePhase("properties")).toBe("checking and creating the HubSpot properties");
    expect(describePhase("verifying")).toBe("verifying");
  });
});
