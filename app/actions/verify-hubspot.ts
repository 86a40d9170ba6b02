"use server";
import { after } from "next/server";
import { z } from "zod";
import { staffAction } from "@/lib/actions/staff-action";
import { writeAudit } from "@/lib/audit/write-audit";
import { SYNC_TIME_BUDGET_MS } from "@/lib/cron/sync-time-budget";
import { startVerifyInBackground } from "@/lib/learners/start-verify-in-background";
import { getSyncDependencies } from "@/lib/sync/execute/get-sync-dependencies";

const inputSchema = z.strictObject({});

/**
 * "Verify HubSpot" (operator and admin): reads every synced contact back, lists the differences on
 * a verify run and marks those learners for resending. Answers with the run id once the first page
 * is checked; the rest continues after the response (`after`), which Vercel kills at the page's
 * maxDuration: so the verify stops at the sync's time budget, pauses with its coverage, and the next
 * verify (this button or the cron's) continues it. Audited as sync.verify. Uses the server's shared
 * HubSpot client, so the read-back shares the sync's rate budget.
 */
export const verifyHubSpot = staffAction(
  "operator",
  inputSchema,
  async (_input, { actor }): Promise<{ runId: number }> => {
    const deps = getSyncDependencies();
    const begun = await startVerifyInBackground({
      pool: deps.pool,
      hubspot: deps.hubspot,
      trigger: "ui",
      actor,
      timeBudgetMs: SYNC_TIME_BUDGET_MS,
      shouldContinue: true,
    });
    after(async () => {
      const outcome = await begun.done;
      // The engine records the failure on the run (its page shows it); log it for operators too.
      if (!outcome.ok) console.error(`[verify] run #${outcome.runId} failed:`, outcome.error.message);
    });
    await writeAudit(deps.pool, actor, "sync.verify", `run #${begun.runId}`, { trigger: "ui" });
    return { runId: begun.runId };
  },
);
