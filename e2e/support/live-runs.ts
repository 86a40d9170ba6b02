/** Waiting for the one live-run slot (crm_sync.runs' unique index on a running live run) to be free. */
import type pg from "pg";
import { expect } from "@playwright/test";

/** Other specs start runs too: a spec that starts one needs the live slot free first, and leaves it free. */
export async function waitForNoLiveRun(pool: pg.Pool, timeoutMs: number): Promise<void> {
  await expect
    .poll(
      async () =>
        (await pool.query("select count(*)::int as n from crm_sync.runs where mode = 'live' and status = 'running'"))
          .rows[0].n,
      {
        timeout: timeoutMs,
        intervals: [250, 500, 1_000],
        message: "a live run is still running",
      },
    )
    .toBe(0);
}
