/**
 * A closed run keeps the phase it ended in (crm_sync.runs.stopped_phase; `phase` becomes "done"), so
 * the run page says exactly where it stopped instead of guessing from the learner count.
 */
import { describe, expect, it } from "vitest";
import { describeRunStop } from "@/components/sync/describe-run-stop";
import { DEFAULT_BATCH_SIZE, runSync } from "../run-sync";
import { SyncRunFailedError } from "../sync-errors";
import { createLevel, seedSimpleLearners } from "@/test/support/sync/source-fixtures";
import { setUpSyncHarness } from "@/test/support/sync/sync-harness";
import { getRun } from "./read-runs";

const h = setUpSyncHarness();

async function phasesOf(runId: number) {
  const { rows } = await h.db.pool.query("select status, phase, stopped_phase from crm_sync.runs where id = $1", [
    runId,
  ]);
  return rows[0] as { status: string; phase: string; stopped_phase: string | null };
}

/** What the run page shows as "where" for this run, from the stored row. */
async function whereOnRunPage(runId: number): Promise<string | undefined> {
  const { run } = (await getRun(h.db.pool, runId))!;
  return describeRunStop({
    status: run.status,
    mode: run.mode,
    chainProcessed: run.chainProcessed,
    total: run.totalLearners,
    upserted: run.upserted,
    resumedByRunId: run.resumedByRunId,
    batchSize: run.options.batchSize ?? DEFAULT_BATCH_SIZE,
    stoppedPhase: run.stoppedPhase,
  })?.where;
}

async function failedRunId(run: Promise<unknown>): Promise<number> {
  const error = await run.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SyncRunFailedError);
  return (error as SyncRunFailedError).runId;
}

describe("the phase a run stopped in", () => {
  it("is 'properties' for a run HubSpot refused while its properties were checked", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 3, ["a1"]);
    const runId = await failedRunId(runSync(h.options({ hubspot: h.client({ accessToken: "not-the-token" }) })));
    expect(await phasesOf(runId)).toEqual({ status: "failed", phase: "done", stopped_phase: "properties" });
    expect(await whereOnRunPage(runId)).toBe(
      "It stopped while checking and creating the HubSpot properties and selecting the learners, before this run read any learner.",
    );
  });

  it("is 'syncing' for a run that failed while sending learners, and for one that ended normally", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 3, ["a1"]);
    h.standIn.setFaults({ failNext: { status: 401, count: 1 }, onlyPaths: ["/crm/v3/objects/contacts/batch/upsert"] });
    const failed = await failedRunId(runSync(h.options({ batchSize: 2 })));
    expect(await phasesOf(failed)).toMatchObject({ status: "failed", stopped_phase: "syncing" });
    expect(await whereOnRunPage(failed)).toMatch(
      /^It stopped while syncing, in the batch that starts at learner 1 of 3/,
    );
    h.standIn.setFaults({});
    const done = await runSync(h.options());
    expect(await phasesOf(done.runId)).toEqual({ status: "succeeded", phase: "done", stopped_phase: "syncing" });
  });

  it("keeps the phase of a run whose process died when the next start takes it over", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 2, ["a1"]);
    const { rows } = await h.db.pool.query(
      `insert into crm_sync.runs (mode, trigger, started_by_label, phase, heartbeat_at)
       values ('live', 'cli', 'gone', 'properties', now() - interval '1 day') returning id::int as id`,
    );
    const stale = rows[0].id as number;
    await runSync(h.options());
    expect(await phasesOf(stale)).toEqual({ status: "interrupted", phase: "done", stopped_phase: "properties" });
  });
});
