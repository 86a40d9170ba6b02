"use server";
import { z } from "zod";
import { ActionError, staffAction } from "@/lib/actions/staff-action";
import { writeAudit } from "@/lib/audit/write-audit";
import { getPool } from "@/lib/db/pool";
import { resendLearner as markForResend, type ResendOutcome } from "@/lib/sync";

const inputSchema = z.strictObject({ userId: z.uuid("must be a user id (uuid)") });

/**
 * "Resend this learner" (operator and admin): the next sync run sends this learner even if nothing
 * changed, by the recorded contact id, so values or an email edited in HubSpot are put back.
 * Audited as learner.resend.
 */
export const resendLearner = staffAction("operator", inputSchema, async ({ userId }, { actor }): Promise<Exclude<ResendOutcome, { status: "not_a_learner" }>> => {
  const pool = getPool();
  const outcome = await markForResend(pool, userId, `resend requested by ${actor.label}`);
  if (outcome.status === "not_a_learner") {
    throw new ActionError("not_found", "This user is not in the learners view (deleted, banned or staff): the sync sends nothing for them.");
  }
  await writeAudit(pool, actor, "learner.resend", userId, outcome);
  return outcome;
});
