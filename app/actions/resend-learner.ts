"use server";
import { z } from "zod";
import { ActionError, staffAction } from "@/lib/actions/staff-action";
import { writeAudit } from "@/lib/audit/write-audit";
import { serverEnv } from "@/lib/config/env";
import { syncNowBudgetMs } from "@/lib/cron/sync-time-budget";
import { resendLearner as markForResend, SyncAlreadyRunningError } from "@/lib/sync";
import { getSyncDependencies } from "@/lib/sync/execute/get-sync-dependencies";
import { startDurableSync } from "@/lib/workflows/start-durable-sync";

const inputSchema = z.strictObject({ userId: z.uuid("must be a user id (uuid)") });

export type ResendLearnerResult =
  /** A live run started now; it sends this learner (and any other pending change) by the recorded id. */
  | { status: "sending"; runId: number; contactId: string | null }
  /** Another live run holds the lock: the mark stays, and the next run sends the learner. */
  | { status: "queued"; contactId: string | null; busyMessage: string };

/**
 * "Resend this learner" (operator and admin): marks the learner so the sync sends them even if
 * nothing changed (by the recorded contact id, putting back values or an email edited in HubSpot),
 * then starts a live run at once. With change capture that run reads only changed and marked
 * learners, so it costs about one learner. Audited as learner.resend.
 */
export const resendLearner = staffAction(
  "operator",
  inputSchema,
  async ({ userId }, { actor }): Promise<ResendLearnerResult> => {
    const deps = getSyncDependencies();
    const outcome = await markForResend(deps.pool, userId, `resend requested by ${actor.label}`);
    if (outcome.status === "not_a_learner") {
      throw new ActionError(
        "not_found",
        "This user is not in the learners view (deleted, banned or staff): the sync sends nothing for them.",
      );
    }
    const contactId = outcome.status === "marked" ? outcome.contactId : null;
    let result: ResendLearnerResult;
    try {
      // Executed by Sync now's workflow (lib/workflows), like any run started from the dashboard.
      const started = await startDurableSync(deps, actor, syncNowBudgetMs(serverEnv()));
      result = { status: "sending", runId: started.runId, contactId };
    } catch (error) {
      if (!(error instanceof SyncAlreadyRunningError)) throw error;
      result = { status: "queued", contactId, busyMessage: error.message };
    }
    await writeAudit(deps.pool, actor, "learner.resend", userId, result);
    return result;
  },
);
