"use server";
import { after } from "next/server";
import { z } from "zod";
import { staffAction } from "@/lib/actions/staff-action";
import { writeAudit } from "@/lib/audit/write-audit";
import { serverEnv } from "@/lib/config/env";
import { getPool } from "@/lib/db/pool";
import { startVerifyInBackground } from "@/lib/learners/start-verify-in-background";
import { createSyncDependencies } from "@/lib/sync";

const inputSchema = z.strictObject({});

/**
 * "Verify HubSpot" (operator and admin): reads every synced contact back, lists the differences on
 * a verify run and marks those learners for resending. Answers with the run id once the first page
 * is checked; the rest continues after the response (`after`). Audited as sync.verify.
 */
export const verifyHubSpot = staffAction(
  "operator",
  inputSchema,
  async (_input, { actor }): Promise<{ runId: number }> => {
    const deps = createSyncDependencies(serverEnv(), { pool: getPool() });
    const begun = await startVerifyInBackground({ pool: deps.pool, hubspot: deps.hubspot, trigger: "ui", actor });
    after(async () => {
      const outcome = await begun.done;
      // The engine records the failure on the run (its page shows it); log it for operators too.
      if (!outcome.ok) console.error(`[verify] run #${outcome.runId} failed:`, outcome.error.message);
    });
    await writeAudit(deps.pool, actor, "sync.verify", `run #${begun.runId}`, { trigger: "ui" });
    return { runId: begun.runId };
  },
);
