import { describe, expect, it } from "vitest";
import { describePhase, describeQuotaWait, describeRunStop, type StoppedRunFacts } from "./describe-run-stop";

const base: StoppedRunFacts = {
  status: "failed",
  mode: "live",
  chainProcessed: 1_000,
  total: 2_400,
  upserted: 930,
  resumedByRunId: null,
  batchSize: 500,
  stoppedPhase: "syncing",
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

  it("says exactly which phase a run stopped in, as the run row recorded it", () => {
    const beforeLearners = { ...base, chainProcessed: 0, total: 0, upserted: 0 };
    expect(describeRunStop({ ...beforeLearners, stoppedPhase: "planning" })?.where).toBe(
      "It stopped while planning (reading the settings and the level tables), before this run read any learner.",
    );
    expect(describeRunStop({ ...beforeLearners, stoppedPhase: "properties" })?.where).toBe(
      "It stopped while checking and creating the HubSpot properties and selecting the learners, before this run read any learner.",
    );
    // Recorded, not inferred: a run of a chain that had a learner count still stopped in "properties".
    expect(describeRunStop({ ...base, stoppedPhase: "properties" })?.where).toMatch(
      /^It stopped while checking and creating/,
    );
    expect(describeRunStop({ ...base, stoppedPhase: "clearing" })?.where).toBe("It stopped while clearing.");
  });

  it("describes a verify that paused at its time budget: how far it read and who continues it", () => {
    const verify = { ...base, mode: "verify" as const, status: "paused" as const, stoppedPhase: "verifying" };
    expect(describeRunStop({ ...verify, chainProcessed: 200, total: 450 })).toEqual({
      title: "The run paused",
      where: "It stopped while reading contacts back from HubSpot, after checking 200 of 450 contacts.",
      confirmed:
        "A verify writes nothing to HubSpot; the differences it found are listed below and resent by the next sync.",
      next: 'The next verify ("Verify HubSpot", or the cron with ?mode=verify) continues from contact 201 of 450.',
    });
    expect(describeRunStop({ ...verify, chainProcessed: 200, total: 450, resumedByRunId: 9 })?.next).toBe(
      "Run #9 continued it from contact 201.",
    );
  });

  it("explains a stop before counting on a run from before the phase was kept: nothing sent, the next start begins from the start", () => {
    const description = describeRunStop({ ...base, chainProcessed: 0, total: 0, upserted: 0, stoppedPhase: null });
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

  it("says a run paused for HubSpot's daily quota waits for the reset, in the account's zone and in UTC", () => {
    const quotaPause = { resumeAfter: new Date("2026-03-11T04:00:00Z"), timeZone: "America/New_York" };
    expect(describeRunStop({ ...base, status: "paused", quotaPause })).toMatchObject({
      title: "The run paused: HubSpot's daily API quota is used up",
      next:
        "It continues from learner 1,001 of 2,400 after HubSpot's daily quota resets, at 00:00 America/New_York on 11 Mar 2026 (04:00 UTC): " +
        "the first scheduled run from then on. No sync starts before then (Sync now says so).",
    });
    // Once continued, the run that continued it is what matters.
    expect(describeRunStop({ ...base, status: "paused", quotaPause, resumedByRunId: 7 })?.next).toBe(
      "Run #7 continued it from learner 1,001.",
    );
    expect(describeQuotaWait(quotaPause)).toBe(
      "Paused for HubSpot's daily API quota: continues at 00:00 America/New_York on 11 Mar 2026 (04:00 UTC), when the quota resets, at the first cron run from then on. Sync now cannot continue it sooner.",
    );
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
    expect(describePhase("verifying")).toBe("reading contacts back from HubSpot");
    expect(describePhase("clearing")).toBe("clearing");
  });
});
