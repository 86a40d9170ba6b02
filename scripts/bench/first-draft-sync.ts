/**
 * The customer's first draft, kept as the benchmark's baseline: for each learner, one query per
 * level for progress and one for milestones, metrics computed in JavaScript, and one HubSpot call
 * per contact. Measured on a sample and extrapolated; never used by the product.
 */
import type pg from "pg";
import { z } from "zod";
import type { HubSpotClient } from "@/lib/hubspot/client";

const progressRowSchema = z.object({
  unit_id: z.unknown(),
  completed: z.boolean(),
  accuracy: z.string().nullable(),
  time_spent_seconds: z.number().nullable(),
  updated_at: z.date(),
});
const milestoneRowSchema = z.object({ milestone: z.string(), achieved_at: z.date() });

export async function runFirstDraft(
  pool: pg.Pool,
  client: HubSpotClient,
  levels: readonly string[],
  sample: number,
): Promise<{ learners: number }> {
  const learners = await pool.query("select user_id, email from crm_sync.learners order by user_id limit $1", [sample]);
  for (const learner of learners.rows) {
    const properties: Record<string, string> = {};
    let seconds = 0;
    for (const level of levels) {
      const progress = (
        await pool.query(`select * from public."${level}_progress" where user_id = $1`, [learner.user_id])
      ).rows.map((row) => progressRowSchema.parse(row));
      const milestones = (
        await pool.query(`select * from public."${level}_milestones" where user_id = $1`, [learner.user_id])
      ).rows.map((row) => milestoneRowSchema.parse(row));
      const done = progress.filter((row) => row.completed);
      const accuracies = done.map((row) => Number(row.accuracy)).filter((value) => value >= 0 && value <= 100);
      seconds += progress.reduce((sum, row) => sum + Math.max(0, row.time_spent_seconds ?? 0), 0);
      properties[`level_${level}_units_completed`] = String(new Set(done.map((row) => String(row.unit_id))).size);
      properties[`level_${level}_accuracy`] = accuracies.length
        ? (accuracies.reduce((a, b) => a + b, 0) / accuracies.length).toFixed(1)
        : "";
      const isCompleted = milestones.some((row) => row.milestone === "level_completed");
      properties[`level_${level}_status`] = isCompleted ? "completed" : progress.length ? "in_progress" : "not_started";
    }
    properties.total_study_time = String(Math.round(seconds / 60));
    await client.upsertContacts({
      inputs: [{ idProperty: "email", id: String(learner.email).trim().toLowerCase(), properties }],
    });
  }
  return { learners: learners.rows.length };
}
